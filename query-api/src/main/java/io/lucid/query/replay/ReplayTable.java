package io.lucid.query.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * query-api's side of the rebuild requests in the read schema's {@code replay} and {@code replay_projection} tables
 * (projections migration {@code db/read/replay}): it inserts requests and sets the switch and drop flags; the
 * projections service's {@code ReplayCoordinator} runs them and writes their state, progress and comparison.
 */
final class ReplayTable {

    /** The states in which a rebuild still holds a schema or is about to. */
    static final List<String> OPEN = List.of("requested", "rebuilding", "compared", "switched");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final String replay;
    private final String projections;

    ReplayTable(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.replay = "\"" + schema + "\".replay";
        this.projections = "\"" + schema + "\".replay_projection";
    }

    /** The read models the running projections service can rebuild. */
    List<String> rebuildable() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT name FROM " + projections + " ORDER BY name");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Inserts a request unless a rebuild is still open; empty when one is (its id is then {@link #open()}). */
    Optional<Long> request(List<String> names, String subject) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // query-api's pool is read-only, which the driver enforces on transactions (not on autocommit writes).
            connection.setReadOnly(false);
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("LOCK TABLE " + replay + " IN EXCLUSIVE MODE");
                 PreparedStatement open = connection.prepareStatement("SELECT 1 FROM " + replay
                         + " WHERE state = ANY (?)");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO " + replay
                         + " (projections, requested_by) VALUES (?, ?) RETURNING id")) {
                lock.execute();
                open.setArray(1, connection.createArrayOf("text", OPEN.toArray()));
                try (ResultSet rows = open.executeQuery()) {
                    if (rows.next()) {
                        connection.rollback();
                        return Optional.empty();
                    }
                }
                insert.setArray(1, connection.createArrayOf("text", names.toArray()));
                insert.setString(2, subject);
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    long id = rows.getLong(1);
                    connection.commit();
                    return Optional.of(id);
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The open rebuild, if any. */
    Optional<ObjectNode> open() throws SQLException {
        List<ObjectNode> found = select(" WHERE state = ANY (?) ORDER BY id DESC LIMIT 1", null);
        return found.stream().findFirst();
    }

    Optional<ObjectNode> find(long id) throws SQLException {
        return select(" WHERE id = ?", id).stream().findFirst();
    }

    /** The newest rebuilds first. */
    List<ObjectNode> recent(int limit) throws SQLException {
        return select(" ORDER BY id DESC LIMIT " + limit, null);
    }

    /** Sets a flag when the rebuild is in one of {@code states}; false otherwise. */
    boolean flag(long id, String column, List<String> states) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + replay + " SET " + column
                     + " = true, updated_at = now() WHERE id = ? AND state = ANY (?)")) {
            update.setLong(1, id);
            update.setArray(2, connection.createArrayOf("text", states.toArray()));
            return update.executeUpdate() == 1;
        }
    }

    private List<ObjectNode> select(String where, Long id) throws SQLException {
        String sql = "SELECT id, projections, schema_name, state, switch_requested, drop_requested, requested_by,"
                + " events_done, events_total, events_per_second, comparison::text, error, requested_at, updated_at"
                + " FROM " + replay + where;
        List<ObjectNode> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setLong(1, id);
            } else if (where.contains("?")) {
                select.setArray(1, connection.createArrayOf("text", OPEN.toArray()));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(json(rows));
                }
            }
        }
        return found;
    }

    private static ObjectNode json(ResultSet rows) throws SQLException {
        ObjectNode node = JSON.createObjectNode().put("id", rows.getLong(1));
        ArrayNode names = node.putArray("projections");
        for (String name : (String[]) rows.getArray(2).getArray()) {
            names.add(name);
        }
        node.put("schema", rows.getString(3)).put("state", rows.getString(4))
                .put("switch_requested", rows.getBoolean(5)).put("drop_requested", rows.getBoolean(6))
                .put("requested_by", rows.getString(7));
        long done = rows.getLong(8);
        long total = rows.getLong(9);
        double rate = rows.getDouble(10);
        ObjectNode progress = node.putObject("progress").put("events_done", done)
                .put("events_left", Math.max(0, total - done)).put("events_total", total)
                .put("events_per_second", Math.round(rate));
        if (rate > 0 && total > done) {
            progress.put("eta_seconds", Math.round((total - done) / rate));
        } else {
            progress.putNull("eta_seconds");
        }
        String comparison = rows.getString(11);
        try {
            node.set("comparison", comparison == null ? null : JSON.readTree(comparison));
        } catch (IOException e) {
            node.put("comparison", comparison);
        }
        node.put("error", rows.getString(12));
        node.put("requested_at", instant(rows.getTimestamp(13))).put("updated_at", instant(rows.getTimestamp(14)));
        return node;
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
