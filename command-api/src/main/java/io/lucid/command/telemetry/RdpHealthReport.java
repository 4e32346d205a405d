package io.lucid.command.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The body of {@code POST /api/v1/rdp-servers/{id}/health} (DOMAIN.md section 3). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RdpHealthReport(
        @Nullable Boolean alive,
        @Nullable Double cpuPercent,
        @Nullable Long memoryMb,
        @Nullable Long networkKbps,
        @Nullable Integer activeConnections) {
}
