package io.lucid.command.poot;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The measured values of a task proof (DOMAIN.md section 5). Which fields a proof carries depends on its type
 * ({@link ProofKind}); the others must be absent, since the signature does not cover them.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ProofValue(
        @Nullable Long bytesTransferred,
        @Nullable Long sessionsRelayed,
        @Nullable Long chunksStored,
        @Nullable Long sizeBytes,
        @Nullable Long validatedSessions,
        @Nullable Long uptimeSeconds) {
}
