package io.lucid.command.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The body of {@code POST /api/v1/nodes/{id}/heartbeats} (DOMAIN.md section 4). Every field may be absent on the
 * wire so that the answer can name each missing one.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HeartbeatReport(
        @Nullable Double cpuPercent,
        @Nullable Long memoryUsedBytes,
        @Nullable Long storageUsedBytes,
        @Nullable Double networkMbps,
        @Nullable Integer activeSessions) {
}
