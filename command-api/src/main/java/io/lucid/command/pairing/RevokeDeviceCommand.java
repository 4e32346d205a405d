package io.lucid.command.pairing;

import io.micronaut.core.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a device: its tokens stop working on both APIs. {@code reason} is optional, at most 500 characters. */
public record RevokeDeviceCommand(@TargetAggregateIdentifier String deviceId, @Nullable String reason) {
}
