package io.lucid.devstack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Node.js analytics example ({@code docs/examples/analytics-node}: kafkajs and
 * {@code @kafkajs/confluent-schema-registry}, installed from npm by this test) reads the domain topics of the real
 * stack after commands of every domain, and decodes every record with the values the commands carried.
 */
class AnalyticsNodeConsumerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestStack stack;
    private static Path example;

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(NodeJs.available(), "node not found on the PATH: the Node.js contract tests need Node.js 18+ and npm");
        stack = TestStacks.get();
        example = NodeJs.install("analytics-node");
    }

    @Test
    void decodesEveryRecordOfTheDomainTopicsWithTheCommandsValues() throws Exception {
        DomainCommands commands = new DomainCommands(stack);
        List<DomainCommands.Expected> expected = commands.issueAll();
        Published.awaitAll(stack, expected);

        NodeJs.Result result = NodeJs.node(example, List.of("consume.js", "--bootstrap", stack.kafkaBootstrap(),
                "--registry", stack.schemaRegistryUrl().toString(), "--json"), 300);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<JsonNode> records = new ArrayList<>();
        JsonNode summary = null;
        for (String line : result.stdout().split("\n")) {
            JsonNode json = JSON.readTree(line);
            if (json.has("summary")) {
                summary = json.get("summary");
            } else {
                records.add(json);
            }
        }
        assertThat(summary).as("the consumer's summary line").isNotNull();
        assertThat(summary.get("total").asInt()).isEqualTo(records.size());
        for (JsonNode record : records) {
            String ceType = record.path("headers").path(CloudEventHeaders.TYPE).asText(null);
            assertThat(ceType).as("ce_type of %s", record.get("offset")).isIn(null, record.get("type").asText());
        }
        for (DomainCommands.Expected event : expected) {
            JsonNode decoded = records.stream()
                    .filter(r -> r.get("topic").asText().equals(event.topic()) && event.key().equals(r.get("key").asText()))
                    .filter(r -> r.get("type").asText().equals(event.type()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + event.type() + " for " + event.key()
                            + " among " + records.size() + " decoded records"));
            assertThat(JsonMatch.differences(event.fields(), decoded.get("value")))
                    .as("%s of %s decoded as %s", event.type(), event.key(), decoded.get("value")).isEmpty();
        }
        for (String secret : commands.secrets()) {
            assertThat(result.stdout()).as("a pairing's temporary token is never published").doesNotContain(secret);
        }
    }

    @Test
    void stopsNamingSchemaIdTopicPartitionAndOffsetWhenAnIdIsUnknown() throws Exception {
        String topic = UnknownSchemaRecord.publish(stack);

        NodeJs.Result result = NodeJs.node(example, List.of("consume.js", "--bootstrap", stack.kafkaBootstrap(),
                "--registry", stack.schemaRegistryUrl().toString(), "--topics", UnknownSchemaRecord.only(topic),
                "--timeout-ms", "60000"), 120);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("schema id " + UnknownSchemaRecord.SCHEMA_ID)
                .contains(topic + "-0")
                .contains("offset 0");
    }
}
