package io.lucid.command.pairing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Exchange a valid device token for a new one.
 *
 * @param deviceId        the device (the presented token's subject)
 * @param previousTokenId the jti of the presented token
 * @param tokenId         the jti of the new token, drawn by the sender
 */
public record RefreshDeviceTokenCommand(@TargetAggregateIdentifier String deviceId, String previousTokenId, String tokenId) {
}
