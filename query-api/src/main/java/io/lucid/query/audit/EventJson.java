package io.lucid.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.lucid.schemas.audit.EventChain;
import io.lucid.schemas.events.EventTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * One stored event as the audit API shows it: position, metadata, the chain link, the payload decoded to JSON (Avro's
 * JSON rendering, with the writer schema the payload's fingerprint names) and the stored bytes in base64, so an
 * auditor can recompute the hash from the answer alone.
 */
final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SINGLE_OBJECT_HEADER = 10;

    private final Map<Long, Schema> schemas = new HashMap<>();

    EventJson() {
        EventTypes.all().forEach(type -> {
            Schema schema = EventTypes.schemaOf(type);
            schemas.put(SchemaNormalization.parsingFingerprint64(schema), schema);
        });
    }

    ObjectNode render(StoredEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("aggregate_type", event.aggregateType())
                .put("aggregate_id", event.aggregateId())
                .put("sequence", event.sequence())
                .put("event_id", event.eventId())
                .put("type", event.eventType())
                .put("time", event.timestamp())
                .put("global_index", event.globalIndex());
        node.set("metadata", event.meta());
        node.put("prev_hash", EventChain.hex(event.prevHash())).put("hash", EventChain.hex(event.hash()));
        String payload = payload(event.payload());
        if (payload == null) {
            node.putNull("payload");
        } else {
            // Avro's JSON rendering goes into the answer as it is: parsing it into a tree only to print it again
            // was a third of the export's time.
            node.putRawValue("payload", new RawValue(payload));
        }
        node.put("payload_avro", Base64.getEncoder().encodeToString(event.payload()));
        return node;
    }

    /** The payload as JSON text; null when it cannot be decoded (an unknown schema, or altered bytes). */
    private String payload(byte[] payload) {
        if (payload == null || payload.length < SINGLE_OBJECT_HEADER || payload[0] != (byte) 0xC3 || payload[1] != 0x01) {
            return null;
        }
        Schema schema = schemas.get(ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        if (schema == null) {
            return null;
        }
        try {
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get()
                    .binaryDecoder(payload, SINGLE_OBJECT_HEADER, payload.length - SINGLE_OBJECT_HEADER, null));
            return GenericData.get().toString(record);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
