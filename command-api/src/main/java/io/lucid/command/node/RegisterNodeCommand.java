package io.lucid.command.node;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Register a volunteer node (DOMAIN.md section 4). Also the REST body of {@code POST /api/v1/nodes}:
 * every field may be absent on the wire so that the aggregate can name each missing one in its answer, and a
 * value of another JSON type is a 400, never coerced ({@link Strict}).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RegisterNodeCommand(
        @Strict.Text @Nullable String nodeId,
        @Strict.Text @Nullable String name,
        @Strict.Text @Nullable String nodeType,
        @Nullable Hardware hardware,
        @Nullable Location location,
        @Strict.Text @Nullable String walletAddress,
        @Strict.Text @Nullable String publicKey) {

    /** Declared hardware; sizes in bytes, bandwidth in Mbit/s. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Hardware(
            @Strict.Int @Nullable Integer cpuCores,
            @Strict.Long64 @Nullable Long memoryBytes,
            @Strict.Long64 @Nullable Long storageBytes,
            @Strict.Text @Nullable String storageType,
            @Strict.Int @Nullable Integer networkMbps,
            @Strict.Text @Nullable String gpuModel) {
    }

    /** ISO 3166-1 alpha-2 country and an optional free-form region. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Location(@Strict.Text @Nullable String country, @Strict.Text @Nullable String region) {
    }
}
