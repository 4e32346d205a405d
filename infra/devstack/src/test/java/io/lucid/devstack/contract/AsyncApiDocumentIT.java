package io.lucid.devstack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} as AsyncAPI tooling reads it: the official parser with its Avro schema parser
 * ({@code docs/examples/asyncapi-node}, installed from npm by this test) finds no error, a channel per catalogue
 * topic and, on each, a message per record type with the record's fields.
 */
class AsyncApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path example;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(NodeJs.available(), "node not found on the PATH: the Node.js contract tests need Node.js 18+ and npm");
        example = NodeJs.install("asyncapi-node");
    }

    @Test
    void parsesWithoutErrorsWithAChannelPerTopicAndAMessagePerRecord() throws Exception {
        NodeJs.Result result = NodeJs.node(example, List.of("inspect.js",
                Repository.root().resolve("docs/asyncapi.yaml").toString(), "--json"), 120);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode report = JSON.readTree(result.stdout());
        assertThat(report.get("valid").asBoolean()).as(report.get("diagnostics").toString()).isTrue();
        assertThat(report.get("version").asText()).startsWith("3.0");
        List<JsonNode> channels = StreamSupport.stream(report.get("channels").spliterator(), false).toList();
        assertThat(channels).extracting(channel -> channel.get("address").asText())
                .containsExactlyElementsOf(Topics.all().stream().map(Topic::name).toList());
        for (int i = 0; i < channels.size(); i++) {
            assertThat(channels.get(i).get("messages").toString()).isEqualTo(expectedMessages(Topics.all().get(i)));
        }
    }

    private static String expectedMessages(Topic<String, ? extends SpecificRecord> topic) {
        List<Object> messages = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : topic.records()) {
            Schema schema = SpecificData.get().getSchema(type);
            var message = JSON.createObjectNode().put("name", schema.getFullName());
            var fields = message.putArray("fields");
            schema.getFields().forEach(field -> fields.add(field.name()));
            messages.add(message);
        }
        return JSON.valueToTree(messages).toString();
    }
}
