package io.lucid.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.schemas.audit.EventChain;
import java.io.IOException;
import java.time.Instant;

/**
 * One row of the event store, as {@link EventStoreTable} reads it.
 *
 * @param timestamp the stored ISO-8601 time (milliseconds)
 * @param metaData  Axon's metadata, a JSON object (actor, correlation_id, causation_id, ...); null when absent
 * @param payload   Avro single-object encoding
 */
record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
        String eventType, String timestamp, byte[] metaData, byte[] payload, byte[] prevHash, byte[] hash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode meta() {
        if (metaData == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(metaData);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** What the chain covers, as stored. */
    EventChain.Fields chainFields() {
        JsonNode meta = meta();
        return new EventChain.Fields(aggregateType, aggregateId, sequence, eventId, eventType,
                Instant.parse(timestamp).toEpochMilli(), text(meta, "actor"), text(meta, "correlation_id"),
                text(meta, "causation_id"), payload);
    }

    private static String text(JsonNode meta, String key) {
        JsonNode value = meta.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
