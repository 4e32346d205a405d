package io.lucid.schemas.serde;

import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.events.view.ViewChanged;
import java.time.Instant;

/** Sample events for the serde tests. */
final class TestEvents {

    static final Instant AT = Instant.parse("2026-01-15T10:15:30.123Z");

    private TestEvents() {
    }

    static NodeRegistered nodeRegistered() {
        return NodeRegistered.newBuilder()
                .setNodeId("node_alpha-01")
                .setName("alpha-01")
                .setNodeType(NodeType.validator)
                .setHardware(NodeHardware.newBuilder()
                        .setCpuCores(16)
                        .setMemoryBytes(64L << 30)
                        .setStorageBytes(2L << 40)
                        .setStorageType(StorageType.NVMe)
                        .setNetworkMbps(1000)
                        .setGpuModel("RTX 4090")
                        .build())
                .setLocation(NodeLocation.newBuilder().setCountry("DE").setRegion(null).build())
                .setWalletAddress("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")
                .setPublicKey("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")
                .setRegisteredAt(AT)
                .build();
    }

    static ViewChanged viewChanged() {
        return ViewChanged.newBuilder().setView("node").setId("node_alpha-01").setVersion(7L).setChangedAt(AT).build();
    }
}
