package io.lucid.command.session;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The body of {@code POST /api/v1/sessions/{id}/fail}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record FailSessionRequest(@Strict.Text @Nullable String reason) {
}
