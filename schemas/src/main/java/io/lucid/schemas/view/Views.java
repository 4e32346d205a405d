package io.lucid.schemas.view;

import java.util.List;

/**
 * The read-model views by their wire names: the {@code view} of every {@code lucid.view.changes} record, and the
 * stem of the WebSocket channels and audit tables that show them. Like the topic catalogue, this is contract, spelled
 * once; each read model in {@code projections} declares which of these it writes.
 */
public final class Views {

    /** A volunteer node with its pool, health and latest score. */
    public static final String NODE = "node";
    /** A pool: tier, status, leader and member count. */
    public static final String POOL = "pool";
    /** One node's membership of a pool (the parent is the pool). */
    public static final String POOL_MEMBER = "pool_member";
    /** A node's PoOT score with the inputs that produced it. */
    public static final String SCORE = "score";
    /** The closing tally of one epoch. */
    public static final String TALLY = "tally";
    /** A recording session. */
    public static final String SESSION = "session";
    /** One recorded chunk of a session (the parent is the session). */
    public static final String CHUNK = "chunk";
    /** An RDP server with its connections and last health. */
    public static final String RDP_SERVER = "rdp_server";
    /** A QR pairing (never its token). */
    public static final String PAIRING = "pairing";
    /** A paired device. */
    public static final String DEVICE = "device";
    /** A payout from calculation to completion. */
    public static final String PAYOUT = "payout";

    private static final List<String> ALL = List.of(
            NODE, POOL, POOL_MEMBER, SCORE, TALLY, SESSION, CHUNK, RDP_SERVER, PAIRING, DEVICE, PAYOUT);

    private Views() {
    }

    public static List<String> all() {
        return ALL;
    }
}
