package io.lucid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON keys and values of the registry log, shaped like Confluent's {@code _schemas} records
 * ({@code {"keytype":"SCHEMA","subject":...,"version":...}}). Keys are written with a fixed field order, since
 * compaction compares key bytes.
 */
final class LogCodec {

    /** A record of the log: a key and a value, null for a tombstone. */
    record Encoded(byte[] key, byte[] value) {
    }

    private static final ObjectMapper JSON = Json.MAPPER;

    private LogCodec() {
    }

    static Encoded encode(LogEntry entry) {
        // Java 17 has no pattern switch: the sealed interface keeps this chain exhaustive by review.
        if (entry instanceof LogEntry.SchemaVersion v) {
            return new Encoded(schemaKey(v.subject(), v.version()), bytes(JSON.createObjectNode()
                    .put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                    .put("schema", v.schema()).put("deleted", v.deleted())));
        }
        if (entry instanceof LogEntry.SchemaVersionRemoved r) {
            return new Encoded(schemaKey(r.subject(), r.version()), null);
        }
        if (entry instanceof LogEntry.Config c) {
            return new Encoded(bytes(key("CONFIG").put("subject", c.subject())), c.level() == null
                    ? null : bytes(JSON.createObjectNode().put("compatibilityLevel", c.level().name())));
        }
        if (entry instanceof LogEntry.ModeChange m) {
            return new Encoded(bytes(key("MODE")), bytes(JSON.createObjectNode().put("mode", m.mode().name())));
        }
        LogEntry.IdWatermark w = (LogEntry.IdWatermark) entry;
        return new Encoded(bytes(key("ID_WATERMARK")), bytes(JSON.createObjectNode().put("id", w.id())));
    }

    /** Decodes a record; null for a key type this version does not know (written by a newer one). */
    static LogEntry decode(byte[] key, byte[] value) {
        JsonNode k = tree(key);
        JsonNode v = value == null ? null : tree(value);
        return switch (k.path("keytype").asText()) {
            case "SCHEMA" -> v == null
                    ? new LogEntry.SchemaVersionRemoved(k.get("subject").asText(), k.get("version").asInt())
                    : new LogEntry.SchemaVersion(v.get("subject").asText(), v.get("version").asInt(),
                            v.get("id").asInt(), v.get("schema").asText(), v.path("deleted").asBoolean(false));
            case "CONFIG" -> new LogEntry.Config(k.get("subject").isNull() ? null : k.get("subject").asText(),
                    v == null ? null : Compatibility.parse(v.get("compatibilityLevel").asText()));
            case "MODE" -> new LogEntry.ModeChange(v == null ? Mode.READWRITE : Mode.parse(v.get("mode").asText()));
            case "ID_WATERMARK" -> new LogEntry.IdWatermark(v == null ? 0 : v.get("id").asInt());
            default -> null;
        };
    }

    private static byte[] schemaKey(String subject, int version) {
        return bytes(key("SCHEMA").put("subject", subject).put("version", version));
    }

    private static ObjectNode key(String type) {
        return JSON.createObjectNode().put("keytype", type);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable registry log record: " + e.getMessage(), e);
        }
    }
}
