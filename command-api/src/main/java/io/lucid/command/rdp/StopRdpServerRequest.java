package io.lucid.command.rdp;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The optional body of {@code POST /api/v1/rdp-servers/{id}/stop}; {@code force} defaults to false. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record StopRdpServerRequest(@Strict.Bool @Nullable Boolean force) {
}
