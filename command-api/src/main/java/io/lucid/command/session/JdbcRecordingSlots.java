package io.lucid.command.session;

import io.lucid.events.session.RecordingStarted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RecordingSlots} on the {@code active_recording} table (V200), in the current transaction. A claim first
 * locks the single row of {@code recording_slot_guard}: concurrent claims queue there until the holder commits or
 * rolls back, and each then counts the rows committed before it (READ COMMITTED takes a fresh snapshot per
 * statement), so neither limit can be overrun whatever the number of concurrent requests or service instances.
 * Releases take no lock: they only ever lower the counts.
 */
@Singleton
final class JdbcRecordingSlots implements RecordingSlots {

    private static final String LOCK = "SELECT id FROM recording_slot_guard WHERE id = 1 FOR UPDATE";
    private static final String COUNT = "SELECT count(*), count(*) FILTER (WHERE node_id = ?) FROM active_recording";
    private static final String INSERT = "INSERT INTO active_recording (session_id, node_id, started_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (session_id) DO NOTHING";
    private static final String DELETE = "DELETE FROM active_recording WHERE session_id = ?";
    /** The event id of the RecordingStarted that took the slot: the cause of a system stop. */
    private static final String OVERDUE = "SELECT r.session_id, r.started_at, (SELECT e.event_identifier FROM domain_event_entry e "
            + "WHERE e.aggregate_identifier = r.session_id AND e.payload_type = ? ORDER BY e.sequence_number DESC LIMIT 1) "
            + "FROM active_recording r WHERE r.started_at <= ? ORDER BY r.started_at, r.session_id LIMIT ?";

    private final TransactionOperations<Connection> transactions;
    private final SessionSettings settings;

    JdbcRecordingSlots(TransactionOperations<Connection> transactions, SessionSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public Outcome claim(String sessionId, @Nullable String nodeId, Instant startedAt) {
        Connection connection = transactions.getConnection();
        try {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.executeQuery().close();
            }
            try (PreparedStatement count = connection.prepareStatement(COUNT)) {
                count.setString(1, nodeId);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= settings.maxActiveRecordings()) {
                        return Outcome.SYSTEM_LIMIT_REACHED;
                    }
                    if (nodeId != null && rows.getLong(2) >= settings.maxActiveRecordingsPerNode()) {
                        return Outcome.NODE_LIMIT_REACHED;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, sessionId);
                insert.setString(2, nodeId);
                insert.setObject(3, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return Outcome.GRANTED;
        } catch (SQLException e) {
            throw new IllegalStateException("recording slot claim failed", e);
        }
    }

    @Override
    public void release(String sessionId) {
        try (PreparedStatement delete = transactions.getConnection().prepareStatement(DELETE)) {
            delete.setString(1, sessionId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording slot release failed", e);
        }
    }

    @Override
    public List<Overdue> startedBefore(Instant cutoff, int limit) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(OVERDUE)) {
                query.setString(1, RecordingStarted.class.getName());
                query.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                query.setInt(3, limit);
                List<Overdue> overdue = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        overdue.add(new Overdue(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3)));
                    }
                }
                return overdue;
            } catch (SQLException e) {
                throw new IllegalStateException("looking for over-long recordings failed", e);
            }
        });
    }
}
