package io.lucid.projections;

import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Events and Kafka records as the relay produces them, for tests. */
public final class TestRecords {

    public static final Instant REGISTERED_AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private TestRecords() {
    }

    public static NodeRegistered nodeRegistered(String nodeId) {
        return NodeRegistered.newBuilder()
                .setNodeId(nodeId)
                .setName("alpha-1")
                .setNodeType(NodeType.worker)
                .setHardware(NodeHardware.newBuilder()
                        .setCpuCores(8).setMemoryBytes(16L << 30).setStorageBytes(500L << 30)
                        .setStorageType(StorageType.NVMe).setNetworkMbps(1000).setGpuModel(null).build())
                .setLocation(NodeLocation.newBuilder().setCountry("DE").setRegion("Berlin").build())
                .setWalletAddress("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")
                .setPublicKey("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                .setRegisteredAt(REGISTERED_AT)
                .build();
    }

    /** A record at {@code lucid.node.events/2@41} with every header the relay writes. */
    public static ConsumerRecord<String, byte[]> record(String eventId, String nodeId, long sequence) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("lucid.node.events", 2, 41, nodeId, new byte[] {0});
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.TYPE, NodeRegistered.getClassSchema().getFullName());
        header(record, CloudEventHeaders.SUBJECT, nodeId);
        header(record, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        header(record, CloudEventHeaders.TIME, "2026-01-02T03:04:06Z");
        header(record, CloudEventHeaders.ACTOR, "admin");
        header(record, CloudEventHeaders.CORRELATION_ID, "corr-1");
        return record;
    }

    public static void header(ConsumerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
