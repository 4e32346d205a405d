package io.lucid.command.pairing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DeviceRevoked;
import io.lucid.events.pairing.DeviceTokenRefreshed;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A paired device (DOMAIN.md section 1): created by its {@link Pairing}, then its tokens are refreshed until it is
 * revoked. Revocation is terminal and also lands in the revocation list both APIs consult.
 */
public class Device {

    @AggregateIdentifier
    private String deviceId;
    private boolean revoked;

    /** Axon rebuilds the aggregate from its events through this constructor. */
    protected Device() {
    }

    /** Called by {@link Pairing} (through {@code createNew}) in the transaction that completes the pairing. */
    Device(DevicePaired paired) {
        apply(paired);
    }

    @CommandHandler
    public void handle(RevokeDeviceCommand command, DeviceRevocations revocations, Clock clock) {
        if (command.reason() != null && command.reason().length() > PairingRules.MAX_REASON_LENGTH) {
            throw CommandRejectedException.invalid(List.of(new FieldError("reason", "too_long",
                    "reason is at most " + PairingRules.MAX_REASON_LENGTH + " characters")));
        }
        if (revoked) {
            throw CommandRejectedException.conflict("device_already_revoked", "device " + deviceId + " is already revoked");
        }
        apply(DeviceRevoked.newBuilder()
                .setDeviceId(deviceId)
                .setReason(command.reason())
                .setRevokedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build());
        revocations.revoke(deviceId);
    }

    @CommandHandler
    public TokenRefreshed handle(RefreshDeviceTokenCommand command, PairingSettings settings, Clock clock) {
        if (revoked) {
            throw new CommandRejectedException(401, "token_revoked", "device " + deviceId + " is revoked");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(settings.deviceTokenTtl());
        apply(DeviceTokenRefreshed.newBuilder()
                .setDeviceId(deviceId)
                .setTokenId(command.tokenId())
                .setPreviousTokenId(command.previousTokenId())
                .setExpiresAt(expiresAt)
                .setRefreshedAt(now)
                .build());
        return new TokenRefreshed(deviceId, command.tokenId(), expiresAt);
    }

    @EventSourcingHandler
    void on(DevicePaired event) {
        deviceId = event.getDeviceId();
    }

    @EventSourcingHandler
    void on(DeviceRevoked event) {
        revoked = true;
    }

    boolean revoked() {
        return revoked;
    }
}
