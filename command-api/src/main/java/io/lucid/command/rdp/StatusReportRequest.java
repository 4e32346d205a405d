package io.lucid.command.rdp;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The body of {@code POST /api/v1/rdp-servers/{id}/status}: the host agent's report. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record StatusReportRequest(@Strict.Text @Nullable String status, @Strict.Text @Nullable String detail) {
}
