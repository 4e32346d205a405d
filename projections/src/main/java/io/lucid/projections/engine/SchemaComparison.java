package io.lucid.projections.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares one projection's rows in two read schemas, view by view: a checksum per view, then the rows that differ.
 * The checksum covers what a reader is served and what a live subscriber is told: each row's id, parent, whether it is
 * deleted, and its body text byte for byte. It leaves out the version (versions count changes, and two replays of one
 * history may count them differently where two topics feed one row, ADR 0045), the time of the last change and the
 * projection column. It is a sum of per-row MD5 prefixes, so it needs no ordering and no memory per row.
 */
final class SchemaComparison {

    /** Differing rows listed per projection, at most. */
    static final int MAX_ROWS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROW_HASH = "md5(r.id || chr(31) || coalesce(r.parent, chr(30)) || chr(31) "
            + "|| r.deleted::text || chr(31) || coalesce(r.body::text, chr(30)))";

    private SchemaComparison() {
    }

    /** A JSON object {projection, equal, events, views: [...], differing_rows, rows: [...]}. */
    static ObjectNode compare(Connection connection, String live, String rebuilt, String projection)
            throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String[]> sums = new LinkedHashMap<>();
        checksums(connection, live, projection, 0, counts, sums);
        checksums(connection, rebuilt, projection, 1, counts, sums);
        ObjectNode result = JSON.createObjectNode().put("projection", projection);
        result.put("events", events(connection, live, projection));
        ArrayNode views = result.putArray("views");
        boolean equal = true;
        for (Map.Entry<String, long[]> view : counts.entrySet()) {
            String[] sum = sums.get(view.getKey());
            boolean same = view.getValue()[0] == view.getValue()[1] && sum[0].equals(sum[1]);
            equal &= same;
            views.addObject().put("view", view.getKey()).put("equal", same)
                    .put("live_rows", view.getValue()[0]).put("rebuilt_rows", view.getValue()[1])
                    .put("live_checksum", sum[0]).put("rebuilt_checksum", sum[1]);
        }
        result.put("equal", equal);
        differences(connection, live, rebuilt, projection, result);
        return result;
    }

    private static void checksums(Connection connection, String schema, String projection, int side,
            Map<String, long[]> counts, Map<String, String[]> sums) throws SQLException {
        // 60-bit prefixes summed as numeric: no overflow, and the same whatever the row order.
        String sql = "SELECT r.view, count(*), sum(('x' || substr(" + ROW_HASH + ", 1, 15))::bit(60)::bigint)::text"
                + " FROM " + quote(schema) + ".view_row r WHERE r.projection = ? GROUP BY r.view ORDER BY r.view";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.computeIfAbsent(rows.getString(1), v -> new long[2])[side] = rows.getLong(2);
                    sums.computeIfAbsent(rows.getString(1), v -> new String[] {"0", "0"})[side] = rows.getString(3);
                }
            }
        }
        counts.keySet().forEach(view -> sums.computeIfAbsent(view, v -> new String[] {"0", "0"}));
    }

    private static long events(Connection connection, String schema, String projection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(next_offset), 0) FROM "
                + quote(schema) + ".consumer_offset WHERE projection = ?")) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void differences(Connection connection, String live, String rebuilt, String projection,
            ObjectNode result) throws SQLException {
        String sql = "SELECT coalesce(l.view, n.view), coalesce(l.id, n.id), l.version, l.deleted, l.body::text,"
                + " n.version, n.deleted, n.body::text, count(*) OVER ()"
                + " FROM (SELECT * FROM " + quote(live) + ".view_row WHERE projection = ?) l"
                + " FULL JOIN (SELECT * FROM " + quote(rebuilt) + ".view_row WHERE projection = ?) n"
                + " ON l.view = n.view AND l.id = n.id"
                + " WHERE l.id IS NULL OR n.id IS NULL OR l.deleted <> n.deleted OR l.parent IS DISTINCT FROM n.parent"
                + " OR l.body::text IS DISTINCT FROM n.body::text"
                + " ORDER BY 1, 2 LIMIT " + MAX_ROWS;
        ArrayNode list = result.putArray("rows");
        long differing = 0;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, projection);
            select.setString(2, projection);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    differing = rows.getLong(9);
                    ObjectNode row = list.addObject().put("view", rows.getString(1)).put("id", rows.getString(2));
                    side(row.putObject("live"), rows, 3);
                    side(row.putObject("rebuilt"), rows, 6);
                }
            }
        }
        result.put("differing_rows", differing);
    }

    private static void side(ObjectNode side, ResultSet rows, int column) throws SQLException {
        long version = rows.getLong(column);
        if (rows.wasNull()) {
            side.putNull("version");
            side.put("present", false);
            return;
        }
        side.put("present", true).put("version", version).put("deleted", rows.getBoolean(column + 1));
        String body = rows.getString(column + 2);
        if (body == null) {
            side.putNull("body");
        } else {
            try {
                side.set("body", JSON.readTree(body));
            } catch (java.io.IOException e) {
                side.put("body", body);
            }
        }
    }

    static String quote(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a read schema name: " + schema);
        }
        return "\"" + schema + "\"";
    }
}
