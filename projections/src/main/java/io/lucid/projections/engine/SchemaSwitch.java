package io.lucid.projections.engine;

import static io.lucid.projections.engine.SchemaComparison.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The fence and the swap of a blue/green rebuild, both inside one transaction of the live database.
 *
 * <p>The fence locks the live schema's engine tables in EXCLUSIVE mode: plain reads (query-api's views, read-your-
 * writes) go on, while every projection's next batch waits at its first write. A batch already writing is waited
 * for. Held still, the live projection's committed offsets cannot move, so the rebuild can be brought to exactly them.
 *
 * <p>The swap exchanges one projection's rows between the two schemas in the same transaction: readers see the old
 * rows or the new ones, never a mix; the old rows stay in the rebuild schema until it is dropped. Offsets and
 * deduplication rows of the live schema are kept: at the fence they are the rebuild's offsets, so the live
 * projection goes on from exactly where the rebuilt rows end. Versions never go back: a row whose content changed is
 * given one above both versions, an unchanged row keeps its live version, a row the rebuild no longer has becomes a
 * tombstone. Every changed row gets an outbox entry, so live subscribers learn the new bodies.
 */
final class SchemaSwitch {

    private SchemaSwitch() {
    }

    /** Holds every live projection's writes until the transaction ends. */
    static void fence(Connection tx, String live) throws SQLException {
        String l = quote(live);
        try (Statement statement = tx.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '30s'");
            statement.execute("LOCK TABLE " + l + ".processed_event, " + l + ".view_row, " + l + ".view_outbox, "
                    + l + ".consumer_offset IN EXCLUSIVE MODE");
        }
    }

    /** Whether the rebuild stands at exactly the live projection's offsets. */
    static boolean atSameOffsets(Connection connection, String live, String rebuilt, String projection)
            throws SQLException {
        String sql = "SELECT count(*) FROM " + quote(live) + ".consumer_offset l FULL JOIN "
                + "(SELECT * FROM " + quote(rebuilt) + ".consumer_offset WHERE projection = ?) r"
                + " ON r.topic = l.topic AND r.partition = l.partition"
                + " WHERE (l.projection = ? OR l.projection IS NULL) AND r.next_offset IS DISTINCT FROM l.next_offset";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projection);
            select.setString(2, projection);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        }
    }

    /** Exchanges the projection's rows; returns how many live rows changed. Call under the fence. */
    static int swap(Connection tx, String live, String rebuilt, String projection) throws SQLException {
        String l = quote(live);
        String r = quote(rebuilt);
        String same = "n.deleted = o.deleted AND n.parent IS NOT DISTINCT FROM o.parent"
                + " AND n.body::text IS NOT DISTINCT FROM o.body::text";
        String columns = "(view, id, parent, version, deleted, body, projection, updated_at)";
        try (Statement s = tx.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp.replay_old, pg_temp.replay_new");
            s.execute("CREATE TEMP TABLE replay_old ON COMMIT DROP AS SELECT * FROM " + l + ".view_row WHERE projection = "
                    + literal(projection));
            s.execute("CREATE TEMP TABLE replay_new ON COMMIT DROP AS SELECT * FROM " + r + ".view_row WHERE projection = "
                    + literal(projection));
            s.execute("DELETE FROM " + l + ".view_row WHERE projection = " + literal(projection));
            s.execute("DELETE FROM " + r + ".view_row WHERE projection = " + literal(projection));
            s.execute("INSERT INTO " + r + ".view_row SELECT * FROM replay_old");
            s.execute("INSERT INTO " + l + ".view_row " + columns
                    + " SELECT n.view, n.id, n.parent, CASE WHEN o.id IS NULL THEN n.version WHEN " + same
                    + " THEN o.version ELSE greatest(n.version, o.version + 1) END, n.deleted, n.body, n.projection,"
                    + " n.updated_at FROM replay_new n LEFT JOIN replay_old o ON o.view = n.view AND o.id = n.id");
            s.execute("INSERT INTO " + l + ".view_row " + columns
                    + " SELECT o.view, o.id, o.parent, o.version + CASE WHEN o.deleted THEN 0 ELSE 1 END, true, NULL,"
                    + " o.projection, now() FROM replay_old o"
                    + " WHERE NOT EXISTS (SELECT 1 FROM replay_new n WHERE n.view = o.view AND n.id = o.id)");
            return s.executeUpdate("INSERT INTO " + l + ".view_outbox"
                    + " (projection, view, entity_id, parent, version, body, changed_at)"
                    + " SELECT v.projection, v.view, v.id, v.parent, v.version, v.body::text, clock_timestamp()"
                    + " FROM " + l + ".view_row v LEFT JOIN replay_old o ON o.view = v.view AND o.id = v.id"
                    + " WHERE v.projection = " + literal(projection) + " AND (o.id IS NULL OR o.version <> v.version)"
                    + " ORDER BY v.view, v.id");
        }
    }

    private static String literal(String projection) {
        if (!projection.matches("[a-z][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("not a projection name: " + projection);
        }
        return "'" + projection + "'";
    }
}
