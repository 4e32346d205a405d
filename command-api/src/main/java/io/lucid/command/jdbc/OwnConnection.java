package io.lucid.command.jdbc;

import io.lucid.kit.auth.JdbcConnections;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work on a connection of its own, outside any command transaction, each statement committed at once
 * (auto-commit). For work that must be visible to other requests immediately or that runs in the background (the
 * idempotency claims, the revocation poll, the expiry sweep's reads). With Micronaut Data's transaction support on
 * the classpath the {@code DataSource} bean hands out contextual connections only, hence this.
 */
@Singleton
public final class OwnConnection implements JdbcConnections {

    private final ConnectionOperations<Connection> connections;

    OwnConnection(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    @Override
    public <R> R run(Work<R> work) {
        return connections.execute(ConnectionDefinition.REQUIRES_NEW, status -> {
            try {
                return work.apply(status.getConnection());
            } catch (SQLException e) {
                throw new JdbcFailure(e);
            }
        });
    }

    /** A failed statement, unchecked so it can leave the connection callback. */
    public static final class JdbcFailure extends RuntimeException {
        JdbcFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
