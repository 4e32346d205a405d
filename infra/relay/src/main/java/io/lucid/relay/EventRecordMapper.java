package io.lucid.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.schemas.audit.EventChain;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.events.EventTypes;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.trace.TraceContext;
import io.lucid.schemas.trace.Tracing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps an event-store row to the Kafka record analytics clients read: topic by aggregate type, key =
 * aggregate id, value in the Confluent wire format, CloudEvents headers (binary binding) with the
 * provenance Axon kept in the metadata and the audit hash chain ({@code ce_prevhash}, {@code ce_hash}). The Avro body is reused as it is: only the 10-byte single-object
 * header is swapped for the 5-byte Confluent one, so no decode/encode round trip happens here. An event stored with a
 * trace context gets the relay's span in that trace as {@code ce_traceparent} (the distributed-tracing extension);
 * its id is a function of the event, so a batch sent again carries the same headers.
 */
final class EventRecordMapper {

    private static final int SINGLE_OBJECT_HEADER = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tracing TRACING = Tracing.forService("relay");

    private final AvroWireFormat wireFormat;
    private final Map<Long, Schema> schemasByFingerprint = new HashMap<>();

    EventRecordMapper(AvroWireFormat wireFormat) {
        this.wireFormat = wireFormat;
        EventTypes.all().forEach(type -> {
            Schema schema = EventTypes.schemaOf(type);
            schemasByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
        });
    }

    ProducerRecord<String, byte[]> map(EventRow row) {
        String topic = Topics.forAggregateType(row.aggregateType()).name();
        Schema schema = writerSchema(row);
        byte[] body = Arrays.copyOfRange(row.payload(), SINGLE_OBJECT_HEADER, row.payload().length);
        byte[] value = wireFormat.wrap(topic, schema, body);
        Instant time = Instant.parse(row.timestamp());
        return new ProducerRecord<>(topic, null, time.toEpochMilli(), row.aggregateId(), value,
                headers(row, time, topic));
    }

    private Schema writerSchema(EventRow row) {
        byte[] payload = row.payload();
        if (payload.length < SINGLE_OBJECT_HEADER || payload[0] != (byte) 0xC3 || payload[1] != 0x01) {
            throw new RelayException("event " + row.eventId() + " is not Avro single-object encoded");
        }
        long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema schema = schemasByFingerprint.get(fingerprint);
        if (schema == null) {
            throw new RelayException("event " + row.eventId() + " of type " + row.payloadType()
                    + " was written with an unknown schema (fingerprint " + Long.toHexString(fingerprint) + ")");
        }
        return schema;
    }

    static RecordHeaders headers(EventRow row, Instant time, String topic) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, row.eventId());
        add(headers, CloudEventHeaders.TYPE, row.payloadType());
        add(headers, CloudEventHeaders.SOURCE, "/lucid/" + row.aggregateType().toLowerCase(Locale.ROOT));
        add(headers, CloudEventHeaders.SUBJECT, row.aggregateId());
        add(headers, CloudEventHeaders.TIME, time.toString());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.AVRO_CONTENT_TYPE);
        add(headers, CloudEventHeaders.AGGREGATE_TYPE, row.aggregateType());
        add(headers, CloudEventHeaders.SEQUENCE, Long.toString(row.sequence()));
        add(headers, CloudEventHeaders.GLOBAL_INDEX, Long.toString(row.globalIndex()));
        JsonNode metaData = metaData(row);
        add(headers, CloudEventHeaders.ACTOR, metaData.path("actor").asText(null));
        add(headers, CloudEventHeaders.CORRELATION_ID, metaData.path("correlation_id").asText(null));
        add(headers, CloudEventHeaders.CAUSATION_ID, metaData.path("causation_id").asText(null));
        add(headers, CloudEventHeaders.PREV_HASH, EventChain.hex(row.prevHash()));
        add(headers, CloudEventHeaders.HASH, EventChain.hex(row.hash()));
        TraceContext stored = TraceContext.parse(metaData.path(TraceContext.TRACEPARENT).asText(null),
                metaData.path(TraceContext.TRACESTATE).asText(null));
        if (stored != null) {
            Tracing.Span span = TRACING.start("publish " + topic, Tracing.Kind.PRODUCER, stored,
                    stored.child(row.eventId()));
            span.context().writeTo(headers);
            span.end();
        }
        return headers;
    }

    private static JsonNode metaData(EventRow row) {
        if (row.metaData() == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(row.metaData());
        } catch (IOException e) {
            throw new RelayException("event " + row.eventId() + " has unreadable metadata: " + e.getMessage());
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
