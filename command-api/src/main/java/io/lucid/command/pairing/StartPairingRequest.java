package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Body of {@code POST /api/v1/pairings}; the body itself is optional.
 *
 * @param expirySeconds how long the pairing stays open, 60-900 (default {@code lucid.pairing.expiry}, 300)
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record StartPairingRequest(@Nullable Integer expirySeconds) {
}
