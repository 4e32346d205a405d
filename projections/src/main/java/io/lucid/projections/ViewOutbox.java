package io.lucid.projections;

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
 * The transactional outbox of view changes ({@code read.view_outbox}): changes are written with the rows they
 * describe and published after the commit, so a change is never announced for a row that was rolled back, and
 * never lost when the process dies between the commit and the publication.
 */
final class ViewOutbox {

    /** A change waiting for publication. */
    record Entry(long id, ViewChange change, Instant changedAt) {
    }

    private static final String INSERT =
            "INSERT INTO read.view_outbox (consumer_group, view, entity_id, version, changed_at)"
            + " VALUES (?, ?, ?, ?, clock_timestamp())";
    private static final String PENDING = """
            SELECT id, view, entity_id, version, changed_at FROM read.view_outbox
            WHERE consumer_group = ? ORDER BY id LIMIT ?""";
    private static final String DELETE = "DELETE FROM read.view_outbox WHERE id = ANY (?)";

    private final String groupId;

    ViewOutbox(String groupId) {
        this.groupId = groupId;
    }

    void add(Connection tx, Collection<ViewChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = tx.prepareStatement(INSERT)) {
            for (ViewChange change : changes) {
                insert.setString(1, groupId);
                insert.setString(2, change.view());
                insert.setString(3, change.id());
                insert.setLong(4, change.version());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The oldest pending changes, in the order they were committed. */
    List<Entry> pending(Connection connection, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(PENDING)) {
            select.setString(1, groupId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1),
                            new ViewChange(rows.getString(2), rows.getString(3), rows.getLong(4)),
                            rows.getObject(5, OffsetDateTime.class).toInstant()));
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
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }
}
