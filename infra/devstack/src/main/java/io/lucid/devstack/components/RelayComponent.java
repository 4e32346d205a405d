package io.lucid.devstack.components;

import io.lucid.devstack.StackComponent;
import io.lucid.devstack.StackEnvironment;
import io.lucid.relay.EventRelay;
import io.lucid.relay.RelayConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The event relay of the embedded stack. command-api creates the replication slot when it migrates the
 * event store, and it starts in parallel with the relay: the relay waits for the slot rather than
 * create it, so there is exactly one owner of the event store's schema.
 */
public final class RelayComponent implements StackComponent {

    private static final Duration SLOT_WAIT = Duration.ofSeconds(120);

    private EventRelay relay;

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public void start(StackEnvironment env) throws Exception {
        RelayConfig config = RelayConfig.of(env.jdbcUrl(), env.dbUser(), env.dbPassword(), env.kafkaBootstrap(), env.schemaRegistryUrl());
        awaitSlot(env, config.slot());
        relay = EventRelay.start(config);
    }

    private static void awaitSlot(StackEnvironment env, String slot) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(SLOT_WAIT);
        while (!slotExists(env, slot)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("replication slot " + slot + " was not created within " + SLOT_WAIT.toSeconds()
                        + " s: command-api creates it when it migrates the event store; see its log");
            }
            Thread.sleep(200);
        }
    }

    private static boolean slotExists(StackEnvironment env, String slot) throws SQLException {
        try (Connection connection = DriverManager.getConnection(env.jdbcUrl(), env.dbUser(), env.dbPassword());
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }
}
