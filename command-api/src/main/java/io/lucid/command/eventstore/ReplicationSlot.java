package io.lucid.command.eventstore;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the relay's logical replication slot before command-api accepts its first command. The relay
 * starts with {@code snapshot.mode=no_data}: any event committed before the slot exists would never be
 * published, so the slot must exist as soon as the event table does. Not a Flyway migration because a
 * slot cannot be created in a transaction that has written anything.
 */
@Context
final class ReplicationSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSlot.class);
    private static final String DUPLICATE_OBJECT = "42710";

    ReplicationSlot(DataSource dataSource, DataSourceResolver resolver, @Value("${lucid.relay.slot}") String slot) throws SQLException {
        // The raw pool, not the transaction-aware proxy: this runs outside any transaction, in autocommit.
        try (Connection connection = resolver.resolve(dataSource).getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement create = connection.prepareStatement(
                    "SELECT pg_create_logical_replication_slot(?, 'pgoutput') "
                            + "WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
                create.setString(1, slot);
                create.setString(2, slot);
                create.execute();
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) { // another instance created it meanwhile
                    throw e;
                }
            }
        }
        LOG.info("replication slot {} ready", slot);
    }
}
