package io.lucid.devstack.bench;

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

/**
 * Synthetic node registrations appended straight to {@code lucid.node.events}, as the relay would publish them
 * (CloudEvents headers, Confluent wire format): the way to put a million events on a topic in seconds rather than
 * through the command side. Shared by the catch-up and replay benchmarks.
 */
final class SyntheticNodes {

    private SyntheticNodes() {
    }

    /** Appends {@code events} registrations of new nodes {@code node_cu<run>_<i>}. */
    static void append(String kafka, String registry, String run, int events) {
        var serializer = new AvroSerde<SpecificRecord>(SchemaRegistryClient.connect(registry)).serializer();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                String nodeId = "node_cu" + run + "_" + i;
                NodeRegistered event = NodeRegistered.newBuilder().setNodeId(nodeId).setName("cu-" + run + "-" + i)
                        .setNodeType(NodeType.worker)
                        .setHardware(NodeHardware.newBuilder().setCpuCores(4).setMemoryBytes(8L << 30)
                                .setStorageBytes(200L << 30).setStorageType(StorageType.SSD).setNetworkMbps(1000)
                                .setGpuModel(null).build())
                        .setLocation(NodeLocation.newBuilder().setCountry("NL").setRegion(null).build())
                        .setWalletAddress(CommandLoad.WALLET).setPublicKey("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                        .setRegisteredAt(Instant.now()).build();
                RecordHeaders headers = new RecordHeaders();
                headers.add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()));
                headers.add(CloudEventHeaders.TYPE, utf8(NodeRegistered.getClassSchema().getFullName()));
                headers.add(CloudEventHeaders.SUBJECT, utf8(nodeId));
                headers.add(CloudEventHeaders.SEQUENCE, utf8("0"));
                headers.add(CloudEventHeaders.TIME, utf8(Instant.now().toString()));
                producer.send(new ProducerRecord<>(Topics.NODE_EVENTS.name(), null, utf8(nodeId),
                        serializer.serialize(Topics.NODE_EVENTS.name(), event), headers));
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
