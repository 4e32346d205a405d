package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The generation of a read schema's replay lock that one coordinator took ({@link ReplayLock}), and the check that
 * fences every write of its rebuilds by it (docs/replay.md, "Fencing").
 *
 * <p>The advisory lock alone cannot fence writes: it lives on a session of its own, while a rebuild's batches commit
 * on other connections, and a session can end (and another coordinator take the free lock) at any instant between
 * a check of "my session still holds it" and a commit. The generation row makes the check and the commit atomic:
 * {@link #hold} reads the row {@code FOR SHARE} in the writer's own transaction, and a new holder's increment
 * ({@link ReplayLock#tryAcquire}) is an {@code UPDATE} of that row. The two conflict, so
 * <ul>
 *   <li>a transaction that passed {@link #hold} keeps the row locked until it commits or rolls back: the increment
 *   waits for it, and the new holder starts only after it ended (its writes are then the old generation's last);</li>
 *   <li>a transaction that reaches {@link #hold} after the increment committed reads the new generation (READ
 *   COMMITTED reads the latest committed row, re-read after waiting for an increment in progress) and rolls back.</li>
 * </ul>
 * So once a coordinator's increment committed, no transaction of an earlier generation can commit, whatever that
 * coordinator believes about its lock.
 */
record FencingToken(String schema, long generation, String holder) {

    /** The SQLSTATE of {@link TakenOver}: implementation-defined class "LR" (Lucid replay), not a data error. */
    static final String TAKEN_OVER = "LR001";

    /**
     * Fails unless this is still the lock's current generation, and keeps it current until the caller's transaction
     * ends. Call inside the transaction whose commit it fences, after its writes and before its commit.
     *
     * @throws TakenOver when another coordinator has taken the lock since (the caller must roll back)
     */
    void hold(Connection tx) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT generation, holder FROM "
                + SchemaComparison.quote(schema) + ".replay_lock FOR SHARE");
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the replay lock's row is missing from schema " + schema);
            }
            verify(rows.getLong(1), rows.getString(2));
        }
    }

    /** Whether this is the lock's current generation (a plain read: nothing is fenced by it). */
    boolean isCurrent(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT generation FROM "
                + SchemaComparison.quote(schema) + ".replay_lock");
             ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getLong(1) == generation;
        }
    }

    /** The decision of {@link #hold}, given the row it read. */
    void verify(long currentGeneration, String currentHolder) throws TakenOver {
        if (currentGeneration != generation) {
            throw new TakenOver(this, currentGeneration, currentHolder);
        }
    }

    /**
     * A write of an earlier generation, refused: another coordinator took the lock. Not an error of the rebuild (the
     * new holder continues it) and not transient for this coordinator (it will never hold this generation again).
     */
    static final class TakenOver extends SQLException {

        private final long currentGeneration;
        private final String currentHolder;

        TakenOver(FencingToken token, long currentGeneration, String currentHolder) {
            super("the replay lock of schema " + token.schema() + " is at generation " + currentGeneration + " (held by "
                    + currentHolder + "), not at this coordinator's " + token.generation(), TAKEN_OVER);
            this.currentGeneration = currentGeneration;
            this.currentHolder = currentHolder;
        }

        long currentGeneration() {
            return currentGeneration;
        }

        String currentHolder() {
            return currentHolder;
        }
    }
}
