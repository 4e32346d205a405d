package io.lucid.command.pairing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.events.pairing.DevicePaired;
import io.lucid.events.pairing.DevicePlatform;
import io.lucid.events.pairing.PairingAttemptFailed;
import io.lucid.events.pairing.PairingCompleted;
import io.lucid.events.pairing.PairingExpired;
import io.lucid.events.pairing.PairingLocked;
import io.lucid.events.pairing.PairingStarted;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A QR pairing (DOMAIN.md section 1): open until a device proves the temporary token (then completed, and a
 * {@link Device} is created in the same transaction), locked after too many wrong tokens, or expired by the sweep.
 * A wrong token is the one rejection that records something: the handler applies {@code PairingAttemptFailed} and
 * returns {@link PairingCompletion.TokenRejected}, so the event commits and the controller still answers 401.
 */
public class Pairing {

    @AggregateIdentifier
    private String pairingId;
    private String tokenSha256;
    private Instant expiresAt;
    private int failedAttempts;
    private PairingStatus status;

    /** Axon rebuilds the aggregate from its events through this constructor. */
    protected Pairing() {
    }

    @CommandHandler
    public Pairing(StartPairingCommand command, PairingSettings settings, PairingDeadlines deadlines) {
        int expirySeconds = command.expirySeconds() == null ? (int) settings.expiry().toSeconds() : command.expirySeconds();
        List<FieldError> violations = PairingRules.startViolations(command, expirySeconds);
        if (!violations.isEmpty()) {
            throw CommandRejectedException.invalid(violations);
        }
        Instant now = command.startedAt().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plusSeconds(expirySeconds);
        apply(PairingStarted.newBuilder()
                .setPairingId(command.pairingId())
                .setWebsocketUrl(command.websocketUrl())
                .setTempTokenSha256(command.tempTokenSha256())
                .setExpirySeconds(expirySeconds)
                .setStartedAt(now)
                .setExpiresAt(expires)
                .build());
        deadlines.schedule(command.pairingId(), expires);
    }

    @CommandHandler
    public PairingCompletion handle(CompletePairingCommand command, PairingSettings settings, PairingDeadlines deadlines,
            Clock clock) {
        List<FieldError> violations = PairingRules.completeViolations(command);
        if (!violations.isEmpty()) {
            throw CommandRejectedException.invalid(violations);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        requireOpen(now);
        if (!TempTokens.matches(command.tempToken(), tokenSha256)) {
            return attemptFailed(command.clientIp(), settings.maxFailedAttempts(), deadlines, now);
        }
        Instant tokenExpiresAt = now.plus(settings.deviceTokenTtl());
        DevicePaired paired = DevicePaired.newBuilder()
                .setDeviceId(command.deviceId())
                .setPairingId(pairingId)
                .setName(command.name())
                .setPlatform(DevicePlatform.valueOf(command.platform()))
                .setTokenId(command.tokenId())
                .setTokenExpiresAt(tokenExpiresAt)
                .setPairedAt(now)
                .build();
        apply(PairingCompleted.newBuilder().setPairingId(pairingId).setDeviceId(command.deviceId()).setCompletedAt(now).build());
        try {
            createNew(Device.class, () -> new Device(paired));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create device " + command.deviceId(), e);
        }
        deadlines.cancel(pairingId);
        return new PairingCompletion.Paired(command.deviceId(), command.name(), command.platform(), now,
                command.tokenId(), tokenExpiresAt);
    }

    /**
     * Idempotent: records the expiry only for an open pairing past its expiry; anything else is a no-op (a
     * pairing completed or locked meanwhile just leaves the work list).
     */
    @CommandHandler
    public boolean handle(ExpirePairingCommand command, PairingDeadlines deadlines, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (status == PairingStatus.OPEN && now.isBefore(expiresAt)) {
            return false;
        }
        deadlines.cancel(pairingId);
        if (status != PairingStatus.OPEN) {
            return false;
        }
        apply(PairingExpired.newBuilder().setPairingId(pairingId).setExpiresAt(expiresAt).setExpiredAt(now).build());
        return true;
    }

    private void requireOpen(Instant now) {
        switch (status) {
            case LOCKED -> throw CommandRejectedException.conflict("pairing_locked",
                    "the pairing is locked after " + failedAttempts + " wrong tokens; start a new one");
            case COMPLETED -> throw CommandRejectedException.conflict("pairing_already_completed",
                    "the pairing has already been used");
            case EXPIRED -> throw expired();
            case OPEN -> {
                if (!now.isBefore(expiresAt)) {
                    throw expired();
                }
            }
        }
    }

    private PairingCompletion attemptFailed(String clientIp, int maxAttempts, PairingDeadlines deadlines, Instant now) {
        int attempt = failedAttempts + 1;
        int remaining = Math.max(0, maxAttempts - attempt);
        apply(PairingAttemptFailed.newBuilder()
                .setPairingId(pairingId)
                .setAttempt(attempt)
                .setRemainingAttempts(remaining)
                .setClientIp(clientIp)
                .setFailedAt(now)
                .build());
        boolean locked = remaining == 0;
        if (locked) {
            apply(PairingLocked.newBuilder().setPairingId(pairingId).setFailedAttempts(attempt).setLockedAt(now).build());
            deadlines.cancel(pairingId);
        }
        return new PairingCompletion.TokenRejected(attempt, remaining, locked);
    }

    private CommandRejectedException expired() {
        return new CommandRejectedException(410, "pairing_expired", "the pairing expired at " + expiresAt + "; start a new one");
    }

    @EventSourcingHandler
    void on(PairingStarted event) {
        pairingId = event.getPairingId();
        tokenSha256 = event.getTempTokenSha256();
        expiresAt = event.getExpiresAt();
        status = PairingStatus.OPEN;
    }

    @EventSourcingHandler
    void on(PairingAttemptFailed event) {
        failedAttempts = event.getAttempt();
    }

    @EventSourcingHandler
    void on(PairingLocked event) {
        status = PairingStatus.LOCKED;
    }

    @EventSourcingHandler
    void on(PairingCompleted event) {
        status = PairingStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(PairingExpired event) {
        status = PairingStatus.EXPIRED;
    }

    PairingStatus status() {
        return status;
    }

    int failedAttempts() {
        return failedAttempts;
    }
}
