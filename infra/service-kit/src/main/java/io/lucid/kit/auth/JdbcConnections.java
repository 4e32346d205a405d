package io.lucid.kit.auth;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work on a connection of its own, outside any request transaction, auto-committed. command-api provides
 * its own (its {@code DataSource} hands out transaction-bound connections only); elsewhere
 * {@link DataSourceConnections} serves.
 */
public interface JdbcConnections {

    /** JDBC work that may throw {@link SQLException}. */
    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work}; a {@link SQLException} leaves as an unchecked exception. */
    <R> R run(Work<R> work);
}
