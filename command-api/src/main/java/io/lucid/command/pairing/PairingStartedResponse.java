package io.lucid.command.pairing;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The answer to a started pairing. {@code temp_token} appears here once and nowhere else: it is not stored.
 *
 * @param qrPayload the QR code's content as JSON
 * @param qrCode    the QR code as a PNG {@code data:} URL
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PairingStartedResponse(
        String pairingId,
        String websocketUrl,
        String expiresAt,
        String tempToken,
        QrPayload qrPayload,
        String qrCode,
        String correlationId) {
}
