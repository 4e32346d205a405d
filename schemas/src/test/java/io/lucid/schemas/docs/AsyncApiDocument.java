package io.lucid.schemas.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Renders {@code docs/asyncapi.yaml}, an AsyncAPI 3.0 document of the contract: a channel per topic of
 * {@link Topics} (with its Kafka binding: partitions, cleanup policy, retention), a message per record type with
 * its Avro schema as payload, the CloudEvents headers, and the Confluent wire-format binding (schema id in the
 * payload, TopicRecordNameStrategy).
 */
final class AsyncApiDocument {

    static final String AVRO_FORMAT = "application/vnd.apache.avro;version=1.9.0";
    private static final String KAFKA_BINDING = "0.5.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private AsyncApiDocument() {
    }

    static String render(String contractVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("asyncapi", "3.0.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Lucid backbone events");
        info.put("version", contractVersion);
        info.put("description", "Every Kafka topic of the Lucid backbone and the Avro records on it. Values are in "
                + "the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary); subjects follow the "
                + "TopicRecordNameStrategy (<topic>-<record full name>) at BACKWARD_TRANSITIVE compatibility. "
                + "Generated from the schemas and the topic catalogue; regenerate with: "
                + EventCatalogue.REGENERATE);
        ObjectNode server = root.putObject("servers").putObject("local");
        server.put("host", "localhost:9092");
        server.put("protocol", "kafka");
        server.put("description", "The embedded stack (./lucid up); the registry listens on http://localhost:8081.");
        root.put("defaultContentType", CloudEventHeaders.AVRO_CONTENT_TYPE);
        ObjectNode channels = root.putObject("channels");
        ObjectNode operations = root.putObject("operations");
        ObjectNode components = root.putObject("components");
        ObjectNode messages = components.putObject("messages");
        components.putObject("messageTraits").set("cloudEvents", cloudEventsTrait());
        for (Topic<String, ? extends SpecificRecord> topic : Topics.all()) {
            String channelId = channelId(topic.name());
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic.name());
            channel.put("description", topic.description() + " Key: " + topic.keyDescription() + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("receive" + Character.toUpperCase(channelId.charAt(0))
                    + channelId.substring(1));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            ArrayNode operationMessages = operation.putArray("messages");
            for (Class<? extends SpecificRecord> type : topic.records()) {
                Schema schema = EventCatalogue.schemaOf(type);
                channelMessages.putObject(schema.getName()).put("$ref", "#/components/messages/" + schema.getName());
                operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + schema.getName());
                messages.set(schema.getName(), message(topic, schema));
            }
            channel.putObject("bindings").set("kafka", channelBinding(topic));
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(Topic<String, ?> topic, Schema schema) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", schema.getFullName());
        message.put("title", schema.getName());
        message.put("summary", schema.getDoc());
        message.put("contentType", CloudEventHeaders.AVRO_CONTENT_TYPE);
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/cloudEvents");
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", AVRO_FORMAT);
        payload.set("schema", avroJson(schema));
        ObjectNode binding = message.putObject("bindings").putObject("kafka");
        ObjectNode key = binding.putObject("key");
        key.put("type", "string");
        key.put("description", topic.keyDescription());
        binding.put("schemaIdLocation", "payload");
        binding.put("schemaIdPayloadEncoding", "confluent");
        binding.put("schemaLookupStrategy", "TopicRecordNameStrategy");
        binding.put("bindingVersion", KAFKA_BINDING);
        return message;
    }

    private static ObjectNode channelBinding(Topic<String, ?> topic) {
        ObjectNode binding = JSON.createObjectNode();
        binding.put("topic", topic.name());
        binding.put("partitions", topic.partitions());
        ObjectNode config = binding.putObject("topicConfiguration");
        Map<String, String> configs = topic.retention().topicConfigs();
        config.putArray("cleanup.policy").add(configs.get("cleanup.policy"));
        if (configs.containsKey("retention.ms")) {
            config.put("retention.ms", Long.parseLong(configs.get("retention.ms")));
        }
        binding.put("bindingVersion", KAFKA_BINDING);
        return binding;
    }

    /** The CloudEvents Kafka binary-binding headers the relay writes on domain events. */
    private static ObjectNode cloudEventsTrait() {
        ObjectNode trait = JSON.createObjectNode();
        ObjectNode headers = trait.putObject("headers");
        headers.put("type", "object");
        headers.put("description", "CloudEvents 1.0 Kafka binary binding, written by the relay on domain events. "
                + "Derived and telemetry records may carry none.");
        ObjectNode properties = headers.putObject("properties");
        header(properties, CloudEventHeaders.SPEC_VERSION, "CloudEvents spec version, 1.0.");
        header(properties, CloudEventHeaders.ID, "Event id (unique; consumers deduplicate by it).");
        header(properties, CloudEventHeaders.TYPE, "The record's full name, e.g. io.lucid.events.node.NodeRegistered.");
        header(properties, CloudEventHeaders.SOURCE, "The producing service.");
        header(properties, CloudEventHeaders.SUBJECT, "The aggregate id (equals the key).");
        header(properties, CloudEventHeaders.TIME, "When the event was recorded, RFC 3339.");
        header(properties, CloudEventHeaders.AGGREGATE_TYPE, "Aggregate type (Node, Session, ...).");
        header(properties, CloudEventHeaders.SEQUENCE, "Sequence number within the aggregate, from 0.");
        header(properties, CloudEventHeaders.GLOBAL_INDEX, "The event store's global index.");
        header(properties, CloudEventHeaders.ACTOR, "Who issued the command (JWT subject).");
        header(properties, CloudEventHeaders.CORRELATION_ID, "Correlation id of the request.");
        header(properties, CloudEventHeaders.CAUSATION_ID, "Id of the message that caused this one, for derived work.");
        header(properties, CloudEventHeaders.PREV_HASH, "Audit hash chain: hash of the aggregate's previous event "
                + "(64 zeros for its first), lower-case hex (docs/audit.md).");
        header(properties, CloudEventHeaders.HASH, "Audit hash chain: SHA-256(prev hash || canonical bytes of this "
                + "event), lower-case hex (docs/audit.md).");
        header(properties, CloudEventHeaders.TRACEPARENT, "Distributed tracing: W3C traceparent of the work that wrote "
                + "the record, in the trace of the request that caused it (docs/tracing.md).");
        header(properties, CloudEventHeaders.TRACESTATE, "Distributed tracing: the caller's W3C tracestate, passed "
                + "along unchanged; absent when the caller sent none.");
        header(properties, CloudEventHeaders.CONTENT_TYPE, "application/avro.");
        return trait;
    }

    private static void header(ObjectNode properties, String name, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
    }

    private static JsonNode avroJson(Schema schema) {
        try {
            return JSON.readTree(schema.toString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** lucid.node.events -> nodeEvents: AsyncAPI ids are identifiers, addresses are the topic names. */
    static String channelId(String topic) {
        String[] parts = topic.replaceFirst("^lucid\\.", "").split("\\.");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            id.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return id.toString();
    }
}
