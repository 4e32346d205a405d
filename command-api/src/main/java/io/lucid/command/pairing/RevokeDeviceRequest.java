package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Optional body of {@code POST /api/v1/devices/{id}/revoke}: why, at most 500 characters. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RevokeDeviceRequest(@Nullable String reason) {
}
