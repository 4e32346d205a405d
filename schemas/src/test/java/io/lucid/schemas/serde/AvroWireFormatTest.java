package io.lucid.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroWireFormatTest {

    private static final String TOPIC = "lucid.node.events";

    private final SchemaRegistryClient registry = SchemaRegistryClient.inMemory(UUID.randomUUID().toString());
    private final AvroWireFormat format = new AvroWireFormat(registry);

    @Test
    void roundTripsNodeRegistered() {
        NodeRegistered event = TestEvents.nodeRegistered();

        NodeRegistered decoded = format.deserialize(TOPIC, format.serialize(TOPIC, event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.getRegisteredAt()).isEqualTo(TestEvents.AT);
    }

    @Test
    void roundTripsViewChanged() {
        ViewChanged event = TestEvents.viewChanged();

        ViewChanged decoded = format.deserialize("lucid.view.changes", format.serialize("lucid.view.changes", event));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void decodesIntoTheGeneratedClassOfTheWritersName() {
        byte[] node = format.serialize(TOPIC, TestEvents.nodeRegistered());
        byte[] view = format.serialize(TOPIC, TestEvents.viewChanged());

        SpecificRecord first = format.deserialize(TOPIC, node);
        SpecificRecord second = format.deserialize(TOPIC, view);

        assertThat(first).isInstanceOf(NodeRegistered.class);
        assertThat(second).isInstanceOf(ViewChanged.class);
    }

    @Test
    void prefixesMagicByteAndBigEndianSchemaIdToThePlainAvroBody() throws Exception {
        NodeRegistered event = TestEvents.nodeRegistered();
        registry.register("warm-up-" + UUID.randomUUID(), TestEvents.viewChanged().getSchema());

        byte[] data = format.serialize(TOPIC, event);

        int id = registry.lookup(AvroWireFormat.subject(TOPIC, event.getSchema()), DeclaredSchema.of(event.getSchema()))
                .orElseThrow().id();
        assertThat(id).isGreaterThan(0);
        assertThat(Arrays.copyOf(data, 5))
                .containsExactly(0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id);
        assertThat(Arrays.copyOfRange(data, 5, data.length)).isEqualTo(plainAvro(event));
        assertThat(AvroWireFormat.schemaId(data)).isEqualTo(id);
    }

    @Test
    void readsSchemaIdsAboveOneByte() {
        byte[] data = {0, 0x01, 0x02, 0x03, (byte) 0xff};

        assertThat(AvroWireFormat.schemaId(data)).isEqualTo(0x010203ff);
    }

    @Test
    void wrapProducesTheSameBytesAsSerialize() throws Exception {
        NodeRegistered event = TestEvents.nodeRegistered();

        byte[] wrapped = format.wrap(TOPIC, NodeRegistered.getClassSchema(), plainAvro(event));

        assertThat(wrapped).isEqualTo(format.serialize(TOPIC, event));
    }

    @Test
    void namesSubjectsByTopicAndRecordFullName() {
        assertThat(AvroWireFormat.subject(TOPIC, NodeRegistered.getClassSchema()))
                .isEqualTo("lucid.node.events-io.lucid.events.node.NodeRegistered");
    }

    @Test
    void registersUnderTheTopicRecordNameSubject() {
        format.serialize(TOPIC, TestEvents.nodeRegistered());
        format.serialize("lucid.view.changes", TestEvents.viewChanged());

        assertThat(registry.subjects()).containsExactlyInAnyOrder(
                "lucid.node.events-io.lucid.events.node.NodeRegistered",
                "lucid.view.changes-io.lucid.events.view.ViewChanged");
    }

    @Test
    void rejectsAnUnknownSchemaIdNamingIdAndTopic() {
        byte[] data = {0, 0, 0, 0x30, 0x39, 2, 'x'};

        assertThatThrownBy(() -> format.deserialize(TOPIC, data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 12345")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void rejectsAForeignMagicByte() {
        assertThatThrownBy(() -> format.deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 1");
    }

    @Test
    void rejectsDataShorterThanTheHeader() {
        assertThatThrownBy(() -> format.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] data = format.serialize(TOPIC, TestEvents.nodeRegistered());

        assertThatThrownBy(() -> format.deserialize(TOPIC, Arrays.copyOf(data, data.length / 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot decode");
    }

    @Test
    void reachesTheRegistryOncePerSchemaAndTopic() {
        CountingRegistry counting = new CountingRegistry(registry);
        AvroWireFormat counted = new AvroWireFormat(counting);

        for (int i = 0; i < 100; i++) {
            counted.deserialize(TOPIC, counted.serialize(TOPIC, TestEvents.nodeRegistered()));
        }

        assertThat(counting.registrations).isEqualTo(1);
        assertThat(counting.lookups).isLessThanOrEqualTo(1);
    }

    @Test
    void encodesLargeRecordsBeyondTheInitialBuffer() {
        ViewChanged big = TestEvents.viewChanged();
        big.setId("x".repeat(100_000));

        ViewChanged decoded = format.deserialize(TOPIC, format.serialize(TOPIC, big));

        assertThat(decoded.getId()).hasSize(100_000);
        assertThat(format.<ViewChanged>deserialize(TOPIC, format.serialize(TOPIC, TestEvents.viewChanged())))
                .isEqualTo(TestEvents.viewChanged());
    }

    @Test
    void decodesDataWrittenWithAnotherVersionOfTheSchemaIntoTheGeneratedClass() throws Exception {
        Schema newer = new Schema.Parser().parse(ViewChanged.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"},"));
        GenericRecord written = new GenericData.Record(newer);
        written.put("note", "added later");
        written.put("view", "node");
        written.put("id", "node_alpha-01");
        written.put("version", 7L);
        written.put("changed_at", TestEvents.AT.toEpochMilli());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(newer).write(written, encoder);
        encoder.flush();

        ViewChanged decoded = format.deserialize(TOPIC, format.wrap(TOPIC, newer, body.toByteArray()));

        assertThat(decoded).isEqualTo(TestEvents.viewChanged());
    }

    @Test
    void sharedInstanceIsSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        ViewChanged event = TestEvents.viewChanged();
                        event.setId("row-" + thread + "-" + i);
                        NodeRegistered node = TestEvents.nodeRegistered();
                        if (!format.deserialize(TOPIC, format.serialize(TOPIC, event)).equals(event)
                                || !format.deserialize(TOPIC, format.serialize(TOPIC, node)).equals(node)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] plainAvro(SpecificRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
