package io.lucid.projections.engine;

import io.lucid.projections.RowBuffer;
import io.lucid.projections.RowKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of every view in one table, {@code view_row}: (view, id) -> parent, version, body (JSON, null once
 * deleted). Reads and writes of a batch are one statement each, whatever the batch size: the engine's cost per event
 * is then mostly the handler, not round trips.
 */
final class RowStore {

    private static final String LOAD = """
            SELECT r.view, r.id, r.parent, r.version, r.body::text
            FROM view_row r JOIN unnest(?::text[], ?::text[]) AS k(view, id) ON r.view = k.view AND r.id = k.id""";

    private static final String UPSERT = """
            INSERT INTO view_row (view, id, parent, version, deleted, body, projection, updated_at)
            SELECT u.view, u.id, u.parent, u.version, u.body IS NULL, u.body::json, ?, u.updated_at
            FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[]::timestamptz[])
                AS u(view, id, parent, version, body, updated_at)
            ON CONFLICT (view, id) DO UPDATE SET parent = EXCLUDED.parent, version = EXCLUDED.version,
                deleted = EXCLUDED.deleted, body = EXCLUDED.body, projection = EXCLUDED.projection,
                updated_at = EXCLUDED.updated_at""";

    private final String projection;

    RowStore(String projection) {
        this.projection = projection;
    }

    /** The stored rows among {@code keys}; absent keys are absent from the map. */
    Map<RowKey, RowBuffer.Row> load(Connection tx, Collection<RowKey> keys) throws SQLException {
        Map<RowKey, RowBuffer.Row> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = tx.prepareStatement(LOAD)) {
            select.setArray(1, array(tx, "text", keys.stream().map(RowKey::view).toArray(String[]::new)));
            select.setArray(2, array(tx, "text", keys.stream().map(RowKey::id).toArray(String[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    RowKey key = new RowKey(rs.getString(1), rs.getString(2));
                    found.put(key, new RowBuffer.Row(key, rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        return found;
    }

    /**
     * Writes the changed rows of a batch; {@code bodies} holds each row's body as text (null once deleted), made
     * once per row and shared with the outbox.
     */
    void save(Connection tx, List<RowBuffer.Row> rows, String[] bodies) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] views = new String[n];
        String[] ids = new String[n];
        String[] parents = new String[n];
        long[] versions = new long[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            RowBuffer.Row row = rows.get(i);
            views[i] = row.key().view();
            ids[i] = row.key().id();
            parents[i] = row.parent();
            versions[i] = row.version();
            times[i] = row.changedAt().toString();
        }
        try (PreparedStatement upsert = tx.prepareStatement(UPSERT)) {
            upsert.setString(1, projection);
            upsert.setArray(2, array(tx, "text", views));
            upsert.setArray(3, array(tx, "text", ids));
            upsert.setArray(4, array(tx, "text", parents));
            upsert.setArray(5, array(tx, "bigint", versions));
            upsert.setArray(6, array(tx, "text", bodies));
            upsert.setArray(7, array(tx, "text", times));
            upsert.executeUpdate();
        }
    }

    /** The body of each row as stored: compact JSON text, null for a deleted row. */
    static String[] bodies(List<RowBuffer.Row> rows) {
        String[] bodies = new String[rows.size()];
        for (int i = 0; i < bodies.length; i++) {
            RowBuffer.Row row = rows.get(i);
            bodies[i] = row.bodyText();
        }
        return bodies;
    }

    /**
     * An array parameter. Typed Java arrays ({@code String[]}, {@code long[]}) go to the server in binary; an
     * {@code Object[]} would be written as a text literal, every character of every body escaped on the way.
     */
    static Array array(Connection tx, String type, Object values) throws SQLException {
        return tx.unwrap(org.postgresql.PGConnection.class).createArrayOf(type, values);
    }
}
