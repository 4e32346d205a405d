package io.lucid.query.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A node as clients read it (REST and WebSocket): the registration in the shape it was submitted, plus status
 * and version. Timestamps are ISO-8601 UTC strings. Optional fields are present as null.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NodeView(
        String nodeId, String name, String nodeType, String status, Hardware hardware, Location location,
        String walletAddress, String publicKey, long version, String registeredAt, String updatedAt) {

    /** Declared hardware. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Hardware(int cpuCores, long memoryBytes, long storageBytes, String storageType, int networkMbps,
            String gpuModel) {
    }

    /** Where the node runs. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Location(String country, String region) {
    }
}
