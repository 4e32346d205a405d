package io.lucid.kit.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link JdbcConnections} straight from the {@code DataSource}, for a service without transaction management. */
@Singleton
@Secondary // a service's own JdbcConnections wins
@Requires(beans = DataSource.class)
final class DataSourceConnections implements JdbcConnections {

    private final DataSource dataSource;

    DataSourceConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <R> R run(Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
