package io.lucid.devstack.bench;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Node events appended straight to {@code lucid.node.events}, with the CloudEvents headers the relay would give
 * them: load for the read side without the command side's cost (run on a stack you can throw away: the command
 * side never hears of these nodes). The one generator of synthetic node events of the benchmarks.
 */
final class SyntheticNodeEvents implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<SpecificRecord> serializer;

    /** {@code lingerMs} trades latency for batching: 0 for paced changes, ~10 for bulk appends. */
    SyntheticNodeEvents(String kafka, String registry, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        serializer = new AvroSerde<SpecificRecord>(SchemaRegistryClient.connect(registry)).serializer();
    }

    /**
     * Appends {@code events} registrations of new nodes {@code node_cu<run>_<i>} (names {@code cu-<run>-<i>}) as
     * fast as the producer batches them; returns the seconds it took, the flush included.
     */
    static double appendRegistrations(String kafka, String registry, String run, int events) {
        long start = System.nanoTime();
        try (SyntheticNodeEvents nodes = new SyntheticNodeEvents(kafka, registry, 10)) {
            for (int i = 0; i < events; i++) {
                nodes.registered("node_cu" + run + "_" + i, "cu-" + run + "-" + i);
            }
            nodes.flush();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A worker node in NL with 4 cores; {@code name} must be unique like the id. */
    void registered(String nodeId, String name) {
        send(nodeId, 0, registration(nodeId, name, Instant.now()), Instant.now());
    }

    /** The registration {@link #registered} appends, for loads that write it elsewhere (the event store). */
    static NodeRegistered registration(String nodeId, String name, Instant at) {
        return NodeRegistered.newBuilder().setNodeId(nodeId).setName(name)
                .setNodeType(NodeType.worker)
                .setHardware(NodeHardware.newBuilder().setCpuCores(4).setMemoryBytes(8L << 30)
                        .setStorageBytes(200L << 30).setStorageType(StorageType.SSD).setNetworkMbps(1000)
                        .setGpuModel(null).build())
                .setLocation(NodeLocation.newBuilder().setCountry("NL").setRegion(null).build())
                .setWalletAddress(CommandLoad.WALLET).setPublicKey("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                .setRegisteredAt(at).build();
    }

    /**
     * The node's status flips (ACTIVE when {@code active}); {@code at} becomes the event's time, which the nodes
     * view keeps as the row's {@code updated_at}.
     */
    void statusChanged(String nodeId, long sequence, boolean active, Instant at) {
        send(nodeId, sequence, statusChange(nodeId, active, at), at);
    }

    /** The event {@link #statusChanged} appends. */
    static SpecificRecord statusChange(String nodeId, boolean active, Instant at) {
        return active ? NodeActivated.newBuilder().setNodeId(nodeId).setActivatedAt(at).build()
                : NodeDeactivated.newBuilder().setNodeId(nodeId).setDeactivatedAt(at).build();
    }

    void flush() {
        producer.flush();
    }

    private void send(String nodeId, long sequence, SpecificRecord event, Instant at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.TYPE, utf8(event.getSchema().getFullName()));
        headers.add(CloudEventHeaders.SUBJECT, utf8(nodeId));
        headers.add(CloudEventHeaders.SEQUENCE, utf8(Long.toString(sequence)));
        headers.add(CloudEventHeaders.TIME, utf8(at.toString()));
        producer.send(new ProducerRecord<>(Topics.NODE_EVENTS.name(), null, utf8(nodeId),
                serializer.serialize(Topics.NODE_EVENTS.name(), event), headers));
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
