package io.lucid.query.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lucid.schemas.audit.EventChain;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A published record read back into the chain link the store holds: the same fields, the same hash. */
class TopicVerifierTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.lucid.test\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
    private static final byte[] BODY = {0x04, 'h', 'i'};

    private final SchemaRegistryClient registry = SchemaRegistryClient.inMemory("topic-verifier-test");
    private final int schemaId = registry.register("probe-value", SCHEMA);
    private final TopicVerifier verifier = new TopicVerifier("unused:9092", registry);

    private byte[] singleObject() {
        return ByteBuffer.allocate(10 + BODY.length).put((byte) 0xC3).put((byte) 0x01)
                .put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(SchemaNormalization.parsingFingerprint64(SCHEMA)).array())
                .put(BODY).array();
    }

    private byte[] confluentValue() {
        return ByteBuffer.allocate(5 + BODY.length).put((byte) 0).putInt(schemaId).put(BODY).array();
    }

    private EventChain.Fields fields() {
        return new EventChain.Fields("Node", "node_a", 3, "event-3", "io.lucid.test.Probe", 1_764_626_400_123L,
                "admin", "corr-1", null, singleObject());
    }

    private ConsumerRecord<String, byte[]> record(RecordHeaders headers) {
        return new ConsumerRecord<>("lucid.node.events", 2, 17, 0L, TimestampType.CREATE_TIME, 0, 0, "node_a",
                confluentValue(), headers, Optional.empty());
    }

    private static RecordHeaders headers(String prevHash, String hash) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        add(headers, CloudEventHeaders.ID, "event-3");
        add(headers, CloudEventHeaders.TYPE, "io.lucid.test.Probe");
        add(headers, CloudEventHeaders.SOURCE, "lucid/test");
        add(headers, CloudEventHeaders.TIME, "2025-12-01T22:00:00.123Z");
        add(headers, CloudEventHeaders.AGGREGATE_TYPE, "Node");
        add(headers, CloudEventHeaders.SEQUENCE, "3");
        add(headers, CloudEventHeaders.ACTOR, "admin");
        add(headers, CloudEventHeaders.CORRELATION_ID, "corr-1");
        add(headers, CloudEventHeaders.PREV_HASH, prevHash);
        add(headers, CloudEventHeaders.HASH, hash);
        return headers;
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPublishedRecordGivesTheStoredFieldsAndHashes() {
        byte[] previous = new byte[EventChain.HASH_BYTES];
        previous[0] = 7;
        byte[] hash = EventChain.hash(previous, fields());
        ChainTracker.Link link = verifier.link(record(headers(EventChain.hex(previous),
                EventChain.hex(hash).toUpperCase())));
        assertEquals(fields().aggregateType(), link.fields().aggregateType());
        assertEquals(3, link.sequence());
        assertEquals(1_764_626_400_123L, link.fields().timestampMillis());
        assertNull(link.fields().causationId());
        assertArrayEquals(singleObject(), link.fields().payload());
        assertArrayEquals(previous, link.prevHash());
        assertArrayEquals(hash, link.hash());
        assertArrayEquals(hash, EventChain.hash(link.prevHash(), link.fields()));
        assertEquals("lucid.node.events/2@17", link.location());
    }

    @Test
    void aHashThatIsNotSixtyFourHexDigitsIsNoHash() {
        String good = EventChain.hex(new byte[EventChain.HASH_BYTES]);
        assertNull(verifier.link(record(headers(good, good.substring(1) + "g"))).hash());
        assertNull(verifier.link(record(headers(good, good.substring(2)))).hash());
        assertNull(verifier.link(record(headers(good.substring(1) + "\u00e9", good))).prevHash());
    }

    @Test
    void aRepeatedHeaderCountsWithItsLastValue() {
        RecordHeaders headers = headers(EventChain.hex(new byte[32]), EventChain.hex(new byte[32]));
        add(headers, CloudEventHeaders.ACTOR, "mallory");
        assertEquals("mallory", verifier.link(record(headers)).fields().actor());
    }
}
