package io.lucid.projections.pairing;

import java.time.Instant;

/**
 * The body of a {@code pairing} row, as {@code GET /api/v1/pairings/{id}} serves it: where the pairing stands, how many
 * wrong tokens it has seen and, once completed, which device it paired. Built from the pairing's own events only
 * (keyed by {@code pairing_id}, so read in order); the temporary token and its hash are never part of it.
 *
 * @param state             STARTED, COMPLETED, LOCKED or EXPIRED; null only on a row made by an event read before
 *                          the pairing's start, which the start completes
 * @param expirySeconds     how long the pairing stays open, as started
 * @param failedAttempts    wrong tokens presented so far
 * @param remainingAttempts wrong tokens still allowed before the lock; null until the first failure (the limit is
 *                          command-side configuration, only the failures tell it)
 * @param lastFailedAt      when the newest wrong token was rejected
 * @param deviceId          the device paired, once completed
 * @param startedBy         the actor that started the pairing
 * @param createdAt         when the pairing was started
 * @param endedAt           when it left STARTED (completed, locked or expired)
 * @param updatedAt         the time of the newest event applied
 */
public record PairingView(
        String pairingId, String state, String websocketUrl, Instant expiresAt, Integer expirySeconds,
        int failedAttempts, Integer remainingAttempts, Instant lastFailedAt, String deviceId, String startedBy,
        Instant createdAt, Instant endedAt, Instant updatedAt) {

    static final String STARTED = "STARTED";
    static final String COMPLETED = "COMPLETED";
    static final String LOCKED = "LOCKED";
    static final String EXPIRED = "EXPIRED";

    /** A row known only from an event read before the start. */
    static PairingView stub(String pairingId) {
        return new PairingView(pairingId, null, null, null, null, 0, null, null, null, null, null, null, null);
    }

    /** Whether the pairing has left STARTED for good: completed, locked and expired are each final. */
    boolean ended() {
        return state != null && !STARTED.equals(state);
    }

    PairingView withStart(String newWebsocketUrl, Instant newExpiresAt, int newExpirySeconds, String actor,
            Instant startedAt) {
        // An end read before the start keeps the pairing ended.
        String newState = state == null ? STARTED : state;
        return new PairingView(pairingId, newState, newWebsocketUrl, newExpiresAt, newExpirySeconds, failedAttempts,
                remainingAttempts, lastFailedAt, deviceId, actor, startedAt, endedAt, latest(updatedAt, startedAt));
    }

    PairingView withFailure(int attempt, int remaining, Instant at) {
        // The attempt counter only grows; remaining attempts belong to the newest failure.
        boolean newest = attempt >= failedAttempts;
        return new PairingView(pairingId, state, websocketUrl, expiresAt, expirySeconds,
                Math.max(failedAttempts, attempt), newest ? Integer.valueOf(remaining) : remainingAttempts,
                latest(lastFailedAt, at), deviceId, startedBy, createdAt, endedAt, latest(updatedAt, at));
    }

    PairingView withLock(int attempts, Instant at) {
        return new PairingView(pairingId, LOCKED, websocketUrl, expiresAt, expirySeconds,
                Math.max(failedAttempts, attempts), 0, lastFailedAt, deviceId, startedBy, createdAt, at,
                latest(updatedAt, at));
    }

    PairingView withEnd(String endState, String pairedDevice, Instant at) {
        return new PairingView(pairingId, endState, websocketUrl, expiresAt, expirySeconds, failedAttempts,
                remainingAttempts, lastFailedAt, pairedDevice, startedBy, createdAt, at, latest(updatedAt, at));
    }

    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
