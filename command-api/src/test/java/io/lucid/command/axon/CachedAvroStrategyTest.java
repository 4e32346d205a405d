package io.lucid.command.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.TaskProofSubmitted;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.SchemaStore;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.avro.AvroSerializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CachedAvroStrategyTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private final Serializer ours = AxonFactory.eventSerializer(JacksonSerializer.defaultSerializer());
    /** Axon's own strategy over the same schemas: what the event store was written with before. */
    private final Serializer axons = AvroSerializer.builder().schemaStore(EventSchemaStore.create())
            .serializerDelegate(JacksonSerializer.defaultSerializer()).build();

    static TaskProofSubmitted proof(int i) {
        return TaskProofSubmitted.newBuilder().setProofId("proof_" + i).setNodeId("node_" + (i % 7)).setSlot(100 + i)
                .setEpoch(3).setProofType(ProofType.relay_bandwidth).setRelayBandwidth(new RelayBandwidth(1_000L + i, 2L))
                .setSignature("c2lnbmF0dXJl").setSubmittedAt(AT.plusSeconds(i)).build();
    }

    @Test
    void writesTheBytesAndTypeAxonsStrategyWrites() {
        for (Object event : List.of(proof(1), proof(2), new NodeActivated("node_a", AT))) {
            SerializedObject<byte[]> mine = ours.serialize(event, byte[].class);
            SerializedObject<byte[]> theirs = axons.serialize(event, byte[].class);
            assertThat(mine.getData()).isEqualTo(theirs.getData());
            assertThat(mine.getType()).isEqualTo(theirs.getType());
        }
    }

    @Test
    void readsWhatAxonsStrategyWroteAndTheOtherWayRound() {
        TaskProofSubmitted event = proof(5);
        assertThat((Object) ours.deserialize(axons.serialize(event, byte[].class))).isEqualTo(event);
        assertThat((Object) axons.deserialize(ours.serialize(event, byte[].class))).isEqualTo(event);
        NodeActivated activated = new NodeActivated("node_b", AT);
        assertThat((Object) ours.deserialize(ours.serialize(activated, byte[].class))).isEqualTo(activated);
    }

    @Test
    void anUnknownWriterSchemaIsRefusedAsAxonRefusesIt() {
        Serializer unknownSchemas = AvroSerializer.builder().schemaStore(new SchemaStore.Cache())
                .includeDefaultAvroSerializationStrategies(false)
                .addSerializerStrategy(new CachedAvroStrategy(new SchemaStore.Cache(),
                        new org.axonframework.serialization.AnnotationRevisionResolver(),
                        new org.axonframework.serialization.avro.DefaultSchemaIncompatibilityChecker()))
                .serializerDelegate(JacksonSerializer.defaultSerializer()).build();
        SerializedObject<byte[]> stored = ours.serialize(proof(1), byte[].class);
        assertThatThrownBy(() -> unknownSchemas.deserialize(stored)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("TaskProofSubmitted");
    }

    @Test
    void aCorruptPayloadIsASerializationErrorNotAnAvroOne() {
        SerializedObject<byte[]> stored = ours.serialize(proof(1), byte[].class);
        byte[] cut = Arrays.copyOf(stored.getData(), 14);
        SerializedObject<byte[]> corrupt = new SimpleSerializedObject<>(cut, byte[].class, stored.getType());
        assertThatThrownBy(() -> ours.deserialize(corrupt)).isInstanceOf(SerializationException.class);
    }

    @Test
    void theCachedEncoderAndDecoderAreSafeAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 10_000;
                results.add(pool.submit(() -> {
                    for (int i = offset; i < offset + 2_000; i++) {
                        TaskProofSubmitted event = proof(i);
                        if (!event.equals(ours.deserialize(ours.serialize(event, byte[].class)))) {
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
}
