package io.lucid.command.pairing;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * What the QR code says (DOMAIN.md section 1): everything a device needs to complete the pairing over the
 * WebSocket or REST. {@code timestamp} is when the pairing started (ISO-8601, UTC).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record QrPayload(String pairingId, String websocketUrl, String tempToken, String timestamp) {
}
