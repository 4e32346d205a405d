package io.lucid.command.pairing;

import java.time.Instant;

/**
 * Open a QR pairing (DOMAIN.md section 1). Built by the controller, which draws the temporary token and keeps
 * it out of the command: only its SHA-256 hash reaches the aggregate and the event.
 *
 * @param pairingId       a fresh UUID
 * @param websocketUrl    where the device connects to complete the pairing
 * @param tempTokenSha256 lower-case hex SHA-256 of the temporary token
 * @param expirySeconds   how long the pairing stays open; null for the configured default
 * @param startedAt       when the request arrived: the QR payload's timestamp and the start of the expiry
 */
public record StartPairingCommand(String pairingId, String websocketUrl, String tempTokenSha256, Integer expirySeconds,
        Instant startedAt) {
}
