package io.lucid.command.session;

import io.lucid.command.validation.Strict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** The body of {@code POST /api/v1/sessions/{id}/chunks}: one encrypted chunk's description, not its bytes. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RecordChunkRequest(
        @Strict.Long64 @Nullable Long sequenceNumber,
        @Strict.Long64 @Nullable Long sizeBytes,
        @Strict.Text @Nullable String ciphertextSha256,
        @Strict.Long64 @Nullable Long durationMs,
        @Strict.Int @Nullable Integer frameCount) {
}
