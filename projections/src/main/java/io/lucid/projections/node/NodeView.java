package io.lucid.projections.node;

import java.time.Instant;

/**
 * The body of a {@code node} row, as {@code GET /api/v1/nodes/{id}} serves it. Its parts come from four topics:
 * registration and lifecycle (node events), {@code pool_id} (pool events), {@code health} (node health) and
 * {@code score} (PoOT scores). A part that arrives before the registration (topics are read independently) fills a
 * row whose {@code status} is still null; the registration completes it.
 */
public record NodeView(
        String nodeId, String name, String nodeType, String status, String tier, Hardware hardware,
        Location location, String walletAddress, String publicKey, Instant registeredAt, Instant updatedAt,
        String poolId, Instant poolChangedAt, Health health, Score score) {

    public record Hardware(int cpuCores, long memoryBytes, long storageBytes, String storageType, int networkMbps,
            String gpuModel) {
    }

    public record Location(String country, String region) {
    }

    /** Liveness from heartbeats: {@code healthy}, {@code unhealthy} or {@code unknown}. */
    public record Health(String status, Instant lastHeartbeatAt, Instant changedAt) {
    }

    /** The node's newest PoOT score (the full inputs are in the {@code score} view). */
    public record Score(long epoch, double liveScore, long creditsTotal, long uptimeSeconds, boolean eligible,
            Instant updatedAt) {
    }

    /** A row known only from a derived topic so far. */
    static NodeView stub(String nodeId) {
        return new NodeView(nodeId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    NodeView withStatus(String newStatus, Instant at) {
        return new NodeView(nodeId, name, nodeType, newStatus, tier, hardware, location, walletAddress, publicKey,
                registeredAt, at, poolId, poolChangedAt, health, score);
    }

    NodeView withHardware(Hardware newHardware, String newTier, Instant at) {
        return new NodeView(nodeId, name, nodeType, status, newTier, newHardware, location, walletAddress, publicKey,
                registeredAt, at, poolId, poolChangedAt, health, score);
    }

    NodeView withPool(String newPoolId, Instant at) {
        return new NodeView(nodeId, name, nodeType, status, tier, hardware, location, walletAddress, publicKey,
                registeredAt, updatedAt, newPoolId, at, health, score);
    }

    NodeView withHealth(Health newHealth) {
        return new NodeView(nodeId, name, nodeType, status, tier, hardware, location, walletAddress, publicKey,
                registeredAt, updatedAt, poolId, poolChangedAt, newHealth, score);
    }

    NodeView withScore(Score newScore) {
        return new NodeView(nodeId, name, nodeType, status, tier, hardware, location, walletAddress, publicKey,
                registeredAt, updatedAt, poolId, poolChangedAt, health, newScore);
    }
}
