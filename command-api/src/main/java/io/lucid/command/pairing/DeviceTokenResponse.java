package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A device's access token, as answered by a completed pairing (with the device's details) and by a refresh.
 * {@code token_type} is always {@code Bearer}; {@code expires_at} is ISO-8601 UTC.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record DeviceTokenResponse(
        String deviceId,
        @Nullable String name,
        @Nullable String platform,
        @Nullable String pairedAt,
        @Nullable String accessToken,
        String tokenType,
        String expiresAt,
        String correlationId) {

    /** This answer as an idempotent replay may repeat it: without the token (docs/adr/0044). */
    public DeviceTokenResponse withoutToken() {
        return new DeviceTokenResponse(deviceId, name, platform, pairedAt, null, tokenType, expiresAt, correlationId);
    }
}
