package io.lucid.query.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.projections.EventMetadata;
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

    /**
     * What the chain covers, as stored. Read for every event by {@code verify}, so the time is parsed without a
     * formatter and the metadata streamed for its three chained keys, not built into a tree.
     */
    EventChain.Fields chainFields() {
        String[] chained = chainedMetadata();
        return new EventChain.Fields(aggregateType, aggregateId, sequence, eventId, eventType, millis(timestamp),
                chained[0], chained[1], chained[2], payload);
    }

    static long millis(String time) {
        Instant fast = EventMetadata.parseUtc(time);
        return (fast != null ? fast : Instant.parse(time)).toEpochMilli();
    }

    /** actor, correlation_id, causation_id of the top-level metadata object (null when absent or null). */
    private String[] chainedMetadata() {
        String[] values = new String[3];
        if (metaData == null) {
            return values;
        }
        try (JsonParser parser = JSON.getFactory().createParser(metaData)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return values;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                int slot = switch (name) {
                    case "actor" -> 0;
                    case "correlation_id" -> 1;
                    case "causation_id" -> 2;
                    default -> -1;
                };
                if (slot < 0 || token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // The tree's asText() gives "" for a container; keep that, and skip what is not chained.
                    if (slot >= 0) {
                        values[slot] = "";
                    }
                    parser.skipChildren();
                } else {
                    values[slot] = token == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                }
            }
            return values;
        } catch (IOException e) {
            // Unreadable metadata chains as none, as the tree reading did; the hash then tells.
            return new String[3];
        }
    }
}
