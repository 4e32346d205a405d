package io.lucid.command.pairing;

import java.time.Instant;
import java.util.List;

/**
 * The expiry sweep's work list: open pairings and when they expire. Written and cleared by the Pairing aggregate's
 * handlers inside the command's transaction, so the list never disagrees with the event store.
 */
public interface PairingDeadlines {

    void schedule(String pairingId, Instant expiresAt);

    void cancel(String pairingId);

    /** Pairings whose expiry is at or before {@code now}, oldest first, at most {@code limit}. */
    List<String> due(Instant now, int limit);
}
