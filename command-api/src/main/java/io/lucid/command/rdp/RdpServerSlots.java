package io.lucid.command.rdp;

import java.time.Instant;

/**
 * Ports and quotas of RDP servers (DOMAIN.md section 3): each server not DELETED holds one port of 33890-33999,
 * the lowest free one when it was created; a released port is not handed out again for the cooldown (60 s);
 * at most {@code max-servers} servers exist at once, and {@code max-servers-per-owner} per owner. No aggregate can
 * see the others, so the RdpServer's handlers allocate and release in the command's own transaction: an
 * allocation commits or rolls back with RdpServerCreated, and concurrent creates are serialised (ADR 0004).
 */
public interface RdpServerSlots {

    /** Why an allocation was refused. */
    enum Refusal { SYSTEM_LIMIT_REACHED, OWNER_LIMIT_REACHED, NO_PORT_FREE }

    /** A granted port, or the reason there is none. */
    record Allocation(int port, Refusal refusal) {

        static Allocation granted(int port) {
            return new Allocation(port, null);
        }

        static Allocation refused(Refusal refusal) {
            return new Allocation(0, refusal);
        }

        boolean isGranted() {
            return refusal == null;
        }
    }

    Allocation allocate(String serverId, String owner, Instant now);

    /** Frees the server's port; it cools down from {@code now}. A server holding none is left alone. */
    void release(String serverId, Instant now);
}
