package io.lucid.devstack.audit;

import io.lucid.devstack.test.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-store rows of one aggregate, read straight from {@code domain_event_entry} as an auditor with database
 * access would, and the tampering the audit tests do to them. Only aggregates a test created itself are touched.
 */
final class StoredEvents {

    private final TestStack stack;

    StoredEvents(TestStack stack) {
        this.stack = stack;
    }

    List<IndependentChain.Row> of(String aggregateId) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT type, aggregate_identifier, sequence_number, event_identifier, payload_type, time_stamp,
                       meta_data, payload, prev_hash, hash
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            query.setString(1, aggregateId);
            List<IndependentChain.Row> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new IndependentChain.Row(row.getString(1), row.getString(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getString(6), row.getBytes(7), row.getBytes(8),
                            row.getBytes(9), row.getBytes(10)));
                }
            }
            return rows;
        }
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    long backfill() throws SQLException {
        try (Connection connection = connect(); PreparedStatement call = connection.prepareStatement(
                "SELECT lucid_chain_backfill()"); ResultSet result = call.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }
}
