package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A device proves a pairing's temporary token and asks to be paired. The ids of the device and of its first
 * token are drawn by the sender so the aggregate stays deterministic.
 *
 * @param pairingId the pairing (path of the request)
 * @param tempToken the temporary token as presented; hashed and compared, never stored
 * @param name      the device's name, {@code ^[a-zA-Z0-9 _-]{1,50}$}
 * @param platform  ios, android, web or desktop
 * @param clientIp  the address the attempt came from, recorded on a failed attempt
 * @param deviceId  the device id to use when the pairing succeeds
 * @param tokenId   the jti of the device's first token
 */
public record CompletePairingCommand(
        @TargetAggregateIdentifier String pairingId,
        @Nullable String tempToken,
        @Nullable String name,
        @Nullable String platform,
        @Nullable String clientIp,
        String deviceId,
        String tokenId) {
}
