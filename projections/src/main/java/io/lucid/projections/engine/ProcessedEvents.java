package io.lucid.projections.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events a projection has applied ({@code processed_event}, keyed by projection and event id). Delivery is
 * at-least-once, so the relay may publish an event twice; claiming its id in the batch transaction makes the second
 * copy a no-op. Keyed by projection, so a new or rebuilt projection is not blinded by what another has seen. The
 * aggregate id and sequence are kept too: they answer read-your-writes ("has this projection applied that event?").
 *
 * <p>Pruning rule: rows older than the retention ({@code LUCID_PROJECTIONS_DEDUPE_RETENTION}, 7 days by default) are
 * deleted. A duplicate can only arrive while the relay re-sends what it had not marked processed, i.e. after a relay
 * crash, at the restart; a relay down for longer than the retention could slip a duplicate through, which every
 * view then still absorbs only if the duplicate changes nothing (documented in docs/read-models.md).
 */
final class ProcessedEvents {

    /** One record's identity. */
    record Claim(String eventId, String aggregateId, long sequence) {
    }

    private static final String CLAIM = """
            INSERT INTO processed_event (projection, event_id, aggregate_id, sequence, processed_at)
            SELECT ?, u.event_id, u.aggregate_id, u.sequence, now()
            FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(event_id, aggregate_id, sequence)
            ON CONFLICT DO NOTHING
            RETURNING event_id""";

    private static final String PRUNE = """
            DELETE FROM processed_event WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM processed_event WHERE projection = ? AND processed_at < now() - ?::interval LIMIT ?))""";

    private final String projection;

    ProcessedEvents(String projection) {
        this.projection = projection;
    }

    /** Records the ids; returns those that were not there before (the others are duplicates). */
    Set<String> claim(Connection tx, List<Claim> claims) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (claims.isEmpty()) {
            return fresh;
        }
        try (PreparedStatement insert = tx.prepareStatement(CLAIM)) {
            insert.setString(1, projection);
            insert.setArray(2, RowStore.array(tx, "text", claims.stream().map(Claim::eventId).toArray(String[]::new)));
            insert.setArray(3, RowStore.array(tx, "text",
                    claims.stream().map(Claim::aggregateId).toArray(String[]::new)));
            insert.setArray(4, RowStore.array(tx, "bigint", claims.stream().mapToLong(Claim::sequence).toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
        }
        return fresh;
    }

    /** Deletes up to {@code limit} claims older than the retention; returns how many went. */
    int prune(Connection connection, Duration retention, int limit) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setString(1, projection);
            delete.setString(2, retention.toSeconds() + " seconds");
            delete.setInt(3, limit);
            return delete.executeUpdate();
        }
    }
}
