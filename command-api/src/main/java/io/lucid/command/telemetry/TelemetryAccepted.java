package io.lucid.command.telemetry;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/**
 * The 202 answer to a telemetry report: the broker has it. {@code id} is the node or server reported about.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TelemetryAccepted(String id, Instant receivedAt, String correlationId) {
}
