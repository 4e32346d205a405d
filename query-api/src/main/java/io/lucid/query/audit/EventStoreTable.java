package io.lucid.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The only code of query-api that reads {@code domain_event_entry}, the event store command-api owns (created by its
 * event-store migrations V1 and V400; written only by Axon through {@code io.lucid.command.axon.ChainedAppendStatement}).
 * The contract, read-only: {@code global_index} (BIGSERIAL, gaps), {@code event_identifier} (unique),
 * {@code type} (aggregate type), {@code aggregate_identifier} and {@code sequence_number} (unique together, from 0),
 * {@code payload_type} (Avro full name), {@code time_stamp} (ISO-8601 text, milliseconds, UTC), {@code meta_data}
 * (JSON object bytes), {@code payload} (Avro single-object encoding), {@code prev_hash} and {@code hash} (the audit
 * chain, docs/audit.md). Rows are streamed through a server-side cursor, so no result is held in memory whole.
 */
final class EventStoreTable {

    /** Rows fetched per round trip of the cursor. */
    static final int FETCH_SIZE = 500;

    private static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier, sequence_number,"
            + " payload_type, time_stamp, meta_data, payload, prev_hash, hash FROM domain_event_entry";

    private final DataSource dataSource;

    EventStoreTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which events an export or a verify reads; null fields do not filter. */
    record Filter(Instant from, Instant to, String eventType, String actor, String correlationId, String aggregateId) {

        static Filter aggregate(String aggregateId) {
            return new Filter(null, null, null, null, null, aggregateId);
        }
    }

    /** Receives rows one at a time; returning false stops the read. */
    interface RowSink {
        boolean accept(StoredEvent event) throws Exception;
    }

    /** An aggregate's events in sequence order. */
    List<StoredEvent> history(String aggregateId) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Cursor cursor = open(connection,
                Filter.aggregate(aggregateId), Order.AGGREGATE)) {
            while (cursor.next()) {
                events.add(cursor.row());
            }
        }
        return events;
    }

    enum Order {
        /** Store order (the global index): exports. */
        GLOBAL("global_index"),
        /** Per aggregate, in sequence order: verification. */
        AGGREGATE("aggregate_identifier, sequence_number");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** Streams the matching rows in {@code order} to {@code sink}. */
    void scan(Filter filter, Order order, RowSink sink) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams with a cursor only inside a transaction.
            connection.setAutoCommit(false);
            try {
                try (Cursor cursor = open(connection, filter, order)) {
                    while (cursor.next()) {
                        if (!sink.accept(cursor.row())) {
                            break;
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** A cursor the caller advances and closes (with its connection): the NDJSON export pulls rows as it writes. */
    Cursor open(Filter filter, Order order) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            Cursor cursor = open(connection, filter, order);
            cursor.closesConnection = true;
            return cursor;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Cursor open(Connection connection, Filter filter, Order order) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (filter.aggregateId() != null) {
            sql.append(" AND aggregate_identifier = ?");
            parameters.add(filter.aggregateId());
        }
        if (filter.from() != null) {
            sql.append(" AND time_stamp::timestamptz >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND time_stamp::timestamptz < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (filter.eventType() != null) {
            // The full Avro name, or the simple one (NodeRegistered) for convenience.
            sql.append(" AND (payload_type = ? OR payload_type LIKE ?)");
            parameters.add(filter.eventType());
            parameters.add("%." + filter.eventType().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        if (filter.actor() != null) {
            sql.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' = ?");
            parameters.add(filter.actor());
        }
        if (filter.correlationId() != null) {
            sql.append(" AND convert_from(meta_data, 'UTF8')::jsonb ->> 'correlation_id' = ?");
            parameters.add(filter.correlationId());
        }
        sql.append(" ORDER BY ").append(order.sql);
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        try {
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return new Cursor(connection, statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** An open result over the event store; closing it ends the read (and the connection, when it owns one). */
    static final class Cursor implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private boolean closesConnection;
        private boolean closed;

        private Cursor(Connection connection, PreparedStatement statement, ResultSet rows) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
        }

        boolean next() throws SQLException {
            return rows.next();
        }

        StoredEvent row() throws SQLException {
            return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                    rows.getLong(5), rows.getString(6), rows.getString(7), rows.getBytes(8), rows.getBytes(9),
                    rows.getBytes(10), rows.getBytes(11));
        }

        @Override
        public void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                rows.close();
                statement.close();
            } finally {
                if (closesConnection) {
                    try {
                        connection.rollback();
                    } finally {
                        connection.close();
                    }
                }
            }
        }
    }
}
