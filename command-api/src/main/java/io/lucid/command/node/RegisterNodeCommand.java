package io.lucid.command.node;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Register a volunteer node (DOMAIN.md section 4). Also the REST body of {@code POST /api/v1/nodes}:
 * every field may be absent on the wire so that the aggregate can name each missing one in its answer.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RegisterNodeCommand(
        @Nullable String nodeId,
        @Nullable String name,
        @Nullable String nodeType,
        @Nullable Hardware hardware,
        @Nullable Location location,
        @Nullable String walletAddress,
        @Nullable String publicKey) {

    /** Declared hardware; sizes in bytes, bandwidth in Mbit/s. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Hardware(
            @Nullable Integer cpuCores,
            @Nullable Long memoryBytes,
            @Nullable Long storageBytes,
            @Nullable String storageType,
            @Nullable Integer networkMbps,
            @Nullable String gpuModel) {
    }

    /** ISO 3166-1 alpha-2 country and an optional free-form region. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Location(@Nullable String country, @Nullable String region) {
    }
}
