package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * Body of {@code POST /api/v1/pairings/{id}/complete}. Every field may be absent on the wire so the answer can name
 * each missing one; {@code pairing_id}, when given, must match the path.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CompletePairingRequest(@Nullable String pairingId, @Nullable String tempToken, @Nullable DeviceInfo deviceInfo) {

    /** The device as its user names it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DeviceInfo(@Nullable String name, @Nullable String platform) {
    }
}
