package io.lucid.projections.engine;

import io.lucid.projections.RowBuffer;
import io.lucid.schemas.trace.TraceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The transactional outbox of view changes ({@code view_outbox}): changes are written with the rows they describe
 * and published after the commit, so a change is never announced for a row that was rolled back, and never lost
 * when the process dies between the commit and the publication. Each change keeps the trace context of the
 * projection's span that made it (null when its event was untraced), published as the CloudEvents
 * distributed-tracing extension.
 */
final class ViewOutbox {

    /** A change waiting for publication; {@code body} is null for a deleted row, {@code trace} when untraced. */
    record Entry(long id, String view, String entityId, String parent, long version, String body, Instant changedAt,
            TraceContext trace) {

        /**
         * The record key: the view alone, so that every change of a view lands in one partition of the feed, in
         * commit order, and its offset is a version every query-api instance agrees on (docs/adr/0047).
         */
        String key() {
            return view;
        }
    }

    private static final String INSERT = """
            INSERT INTO view_outbox (projection, view, entity_id, parent, version, body, changed_at, traceparent,
                tracestate)
            SELECT ?, u.view, u.id, u.parent, u.version, u.body, clock_timestamp(), u.traceparent, u.tracestate
            FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                AS u(view, id, parent, version, body, traceparent, tracestate)""";
    private static final String PENDING = """
            SELECT id, view, entity_id, parent, version, body, changed_at, traceparent, tracestate FROM view_outbox
            WHERE projection = ? ORDER BY id LIMIT ?""";
    private static final String DELETE = "DELETE FROM view_outbox WHERE id = ANY (?)";

    private final String projection;

    ViewOutbox(String projection) {
        this.projection = projection;
    }

    String projection() {
        return projection;
    }

    /** Adds the changes of a batch; {@code bodies} as written to the rows ({@link RowStore#bodies}). */
    void add(Connection tx, List<RowBuffer.Row> changed, String[] bodies) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        String[] views = new String[n];
        String[] ids = new String[n];
        String[] parents = new String[n];
        long[] versions = new long[n];
        String[] traceparents = new String[n];
        String[] tracestates = new String[n];
        for (int i = 0; i < n; i++) {
            RowBuffer.Row row = changed.get(i);
            views[i] = row.key().view();
            ids[i] = row.key().id();
            parents[i] = row.parent();
            versions[i] = row.version();
            if (row.trace() != null) {
                traceparents[i] = row.trace().traceparent();
                tracestates[i] = row.trace().traceState();
            }
        }
        try (PreparedStatement insert = tx.prepareStatement(INSERT)) {
            insert.setString(1, projection);
            insert.setArray(2, RowStore.array(tx, "text", views));
            insert.setArray(3, RowStore.array(tx, "text", ids));
            insert.setArray(4, RowStore.array(tx, "text", parents));
            insert.setArray(5, RowStore.array(tx, "bigint", versions));
            insert.setArray(6, RowStore.array(tx, "text", bodies));
            insert.setArray(7, RowStore.array(tx, "text", traceparents));
            insert.setArray(8, RowStore.array(tx, "text", tracestates));
            insert.executeUpdate();
        }
    }

    /** The oldest pending changes, in the order they were committed. */
    List<Entry> pending(Connection connection, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PENDING)) {
            select.setString(1, projection);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getLong(5), rows.getString(6), rows.getObject(7, OffsetDateTime.class).toInstant(),
                            TraceContext.parse(rows.getString(8), rows.getString(9))));
                }
            }
        }
        return entries;
    }

    void delete(Connection connection, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, RowStore.array(connection, "bigint",
                    ids.stream().mapToLong(Long::longValue).toArray()));
            delete.executeUpdate();
        }
    }
}
