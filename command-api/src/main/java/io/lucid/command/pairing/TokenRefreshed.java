package io.lucid.command.pairing;

import java.time.Instant;

/** What {@link RefreshDeviceTokenCommand} returns: the new token's id and expiry, for the controller to sign. */
public record TokenRefreshed(String deviceId, String tokenId, Instant expiresAt) {
}
