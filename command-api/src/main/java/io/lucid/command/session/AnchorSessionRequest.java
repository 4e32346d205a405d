package io.lucid.command.session;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The body of {@code POST /api/v1/sessions/{id}/anchor}: where the manifest hash was anchored. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record AnchorSessionRequest(
        @Strict.Text @Nullable String chain,
        @Strict.Text @Nullable String anchorTxid,
        @Strict.Long64 @Nullable Long blockHeight) {
}
