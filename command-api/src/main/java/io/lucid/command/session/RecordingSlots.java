package io.lucid.command.session;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * The limited recording slots (DOMAIN.md section 2): at most {@code max-active-recordings} sessions RECORDING or
 * PAUSED system-wide and {@code max-active-recordings-per-node} per node. No single aggregate can count other
 * sessions, so the Session's handlers claim and release slots in the command's own transaction: a claim commits
 * or rolls back with the event that starts the recording, and concurrent claims are serialised (ADR 0004).
 */
public interface RecordingSlots {

    /** The outcome of a claim: granted, or which limit is reached. */
    enum Outcome { GRANTED, SYSTEM_LIMIT_REACHED, NODE_LIMIT_REACHED }

    /** A recording that has held its slot since {@code startedAt}, with the event that started it (if found). */
    record Overdue(String sessionId, Instant startedAt, @Nullable String startedEventId) {
    }

    Outcome claim(String sessionId, @Nullable String nodeId, Instant startedAt);

    /** Gives the session's slot back; a session without one is left alone. */
    void release(String sessionId);

    /** Recordings started at or before {@code cutoff}, oldest first, at most {@code limit}. */
    List<Overdue> startedBefore(Instant cutoff, int limit);
}
