package io.lucid.projections.pairing;

import java.time.Instant;

/**
 * The body of a {@code device} row, as {@code GET /api/v1/devices/{id}} serves it: the device a pairing created, the
 * state of its tokens (times only) and whether it is revoked. Built from the device's own events (keyed by
 * {@code device_id}, so read in order); no token and no token id (jti) is ever part of it.
 *
 * @param name               the name its user chose
 * @param platform           ios, android, web, desktop (or unknown, Avro's fallback for a platform added later)
 * @param pairedAt           when its pairing completed; null only on a row made by an event read before the pairing
 * @param pairingId          the pairing that created it
 * @param tokenExpiresAt     when its newest access token expires
 * @param revoked            whether it is revoked (terminal: its tokens no longer work)
 * @param revokedAt          when it was revoked
 * @param revokeReason       why, when the revoker said
 * @param lastTokenRefreshAt when its token was last refreshed; null while it still uses the token of its pairing
 * @param updatedAt          the time of the newest event applied
 */
public record DeviceView(
        String deviceId, String name, String platform, Instant pairedAt, String pairingId, Instant tokenExpiresAt,
        boolean revoked, Instant revokedAt, String revokeReason, Instant lastTokenRefreshAt, Instant updatedAt) {

    /** A row known only from an event read before the pairing. */
    static DeviceView stub(String deviceId) {
        return new DeviceView(deviceId, null, null, null, null, null, false, null, null, null, null);
    }

    DeviceView withPairing(String newName, String newPlatform, Instant at, String newPairingId,
            Instant firstTokenExpiresAt) {
        return new DeviceView(deviceId, newName, newPlatform, at, newPairingId,
                PairingView.latest(tokenExpiresAt, firstTokenExpiresAt), revoked, revokedAt, revokeReason,
                lastTokenRefreshAt, PairingView.latest(updatedAt, at));
    }

    DeviceView withRevocation(String reason, Instant at) {
        if (revoked) {
            return this; // revocation happens once; the first one tells when and why
        }
        return new DeviceView(deviceId, name, platform, pairedAt, pairingId, tokenExpiresAt, true, at, reason,
                lastTokenRefreshAt, PairingView.latest(updatedAt, at));
    }

    DeviceView withRefresh(Instant newExpiresAt, Instant at) {
        return new DeviceView(deviceId, name, platform, pairedAt, pairingId,
                PairingView.latest(tokenExpiresAt, newExpiresAt), revoked, revokedAt, revokeReason,
                PairingView.latest(lastTokenRefreshAt, at), PairingView.latest(updatedAt, at));
    }
}
