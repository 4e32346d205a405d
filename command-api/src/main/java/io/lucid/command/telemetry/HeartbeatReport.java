package io.lucid.command.telemetry;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The body of {@code POST /api/v1/nodes/{id}/heartbeats} (DOMAIN.md section 4). Every field may be absent on the
 * wire so that the answer can name each missing one; a present one must have its JSON type (no coercion, as for
 * commands): a wrong type is 400 {@code malformed_request} and nothing is published.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HeartbeatReport(
        @Strict.Real @Nullable Double cpuPercent,
        @Strict.Long64 @Nullable Long memoryUsedBytes,
        @Strict.Long64 @Nullable Long storageUsedBytes,
        @Strict.Real @Nullable Double networkMbps,
        @Strict.Int @Nullable Integer activeSessions) {
}
