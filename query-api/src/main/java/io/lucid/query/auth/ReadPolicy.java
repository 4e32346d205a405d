package io.lucid.query.auth;

/**
 * Who may read what on the query side (DOMAIN.md section 7). REST endpoints and WebSocket channels ask the same
 * questions here, so a live subscription never shows more than the REST API would.
 */
public final class ReadPolicy {

    private ReadPolicy() {
    }

    /** Readers of everything: ADMIN, OPERATOR and AUDITOR. */
    public static boolean mayReadAll(Caller caller) {
        return caller.has(Role.ADMIN) || caller.has(Role.OPERATOR) || caller.has(Role.AUDITOR);
    }

    /** One node: any reader of everything, or the node itself (a NODE token whose {@code node_id} matches). */
    public static boolean mayReadNode(Caller caller, String nodeId) {
        return mayReadAll(caller) || (caller.has(Role.NODE) && nodeId.equals(caller.nodeId()));
    }

    /** The list of nodes and the feed of every node change. */
    public static boolean mayListNodes(Caller caller) {
        return mayReadAll(caller);
    }
}
