package io.lucid.devstack.api;

import io.lucid.devstack.test.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peeks behind the curtain the command-side integration tests need: how many events are stored (a rejection
 * must leave it unchanged), the claim tables that enforce the limits, and the rare adjustment of one (moving a
 * recording's start or a port's release back in time instead of waiting an hour or a minute).
 */
public final class Database {

    private final TestStack stack;

    public Database(TestStack stack) {
        this.stack = stack;
    }

    public long storedEvents() {
        return number("SELECT count(*) FROM domain_event_entry");
    }

    public long storedEventsOf(String aggregateId) {
        return number("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", aggregateId);
    }

    public long number(String sql, Object... parameters) {
        List<Long> values = numbers(sql, parameters);
        return values.isEmpty() ? 0 : values.get(0);
    }

    public List<Long> numbers(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<Long> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public List<String> texts(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
