package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The answer to a started pairing. {@code temp_token} (and the QR code that carries it) appears here once and
 * nowhere else: it is not stored, and an idempotent replay leaves all three out.
 *
 * @param qrPayload the QR code's content as JSON
 * @param qrCode    the QR code as a PNG {@code data:} URL
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PairingStartedResponse(
        String pairingId,
        String websocketUrl,
        String expiresAt,
        @Nullable String tempToken,
        @Nullable QrPayload qrPayload,
        @Nullable String qrCode,
        String correlationId) {
}
