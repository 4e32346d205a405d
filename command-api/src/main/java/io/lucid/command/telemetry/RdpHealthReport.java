package io.lucid.command.telemetry;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The body of {@code POST /api/v1/rdp-servers/{id}/health} (DOMAIN.md section 3). Each present field must have
 * its JSON type (no coercion, as for commands): a wrong type is 400 {@code malformed_request}, nothing published.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RdpHealthReport(
        @Strict.Bool @Nullable Boolean alive,
        @Strict.Real @Nullable Double cpuPercent,
        @Strict.Long64 @Nullable Long memoryMb,
        @Strict.Long64 @Nullable Long networkKbps,
        @Strict.Int @Nullable Integer activeConnections) {
}
