package io.lucid.projections.node;

import io.lucid.events.node.NodeRegistered;
import io.lucid.projections.EventMetadata;
import java.time.Instant;

/**
 * One row of {@code read.node_view}: the node's registration flattened to columns, its status and version.
 * Built from events by pure functions so that the mapping is testable without a database.
 */
public record NodeViewRow(
        String nodeId, String name, String nodeType, int cpuCores, long memoryBytes, long storageBytes,
        String storageType, int networkMbps, String gpuModel, String country, String region, String walletAddress,
        String publicKey, String status, long version, Instant registeredAt, Instant updatedAt) {

    /** The row a registration creates: INACTIVE, at the version of the event. */
    public static NodeViewRow registered(NodeRegistered event, EventMetadata metadata) {
        var hardware = event.getHardware();
        var location = event.getLocation();
        return new NodeViewRow(
                event.getNodeId(), event.getName(), event.getNodeType().name(),
                hardware.getCpuCores(), hardware.getMemoryBytes(), hardware.getStorageBytes(),
                hardware.getStorageType().name(), hardware.getNetworkMbps(), hardware.getGpuModel(),
                location.getCountry(), location.getRegion(),
                event.getWalletAddress(), event.getPublicKey(),
                NodeStatus.INACTIVE.name(), metadata.version(), event.getRegisteredAt(), metadata.time());
    }
}
