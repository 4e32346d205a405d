package io.lucid.command.rdp;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of an RDP server (DOMAIN.md section 3). */
public enum RdpServerStatus {
    CREATED, STARTING, RUNNING, STOPPING, STOPPED, FAILED, DELETED;

    /** States a start may leave from. */
    static final Set<RdpServerStatus> STARTABLE = EnumSet.of(CREATED, STOPPED, FAILED);

    /** States in which the server process may be alive on its host: a delete then needs {@code force}. */
    static final Set<RdpServerStatus> LIVE = EnumSet.of(STARTING, RUNNING, STOPPING);
}
