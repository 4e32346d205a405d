package io.lucid.command.session;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a recording session (DOMAIN.md section 2). */
public enum SessionStatus {
    CREATED, RECORDING, PAUSED, STOPPED, PROCESSED, ANCHORED, FAILED, DELETED;

    /** States that hold one of the limited recording slots (100 system-wide, 10 per node). */
    static final Set<SessionStatus> ACTIVE = EnumSet.of(RECORDING, PAUSED);

    /** States a session can fail from: everything but the ends of the line. */
    static final Set<SessionStatus> FAILABLE = EnumSet.of(CREATED, RECORDING, PAUSED, STOPPED, PROCESSED);
}
