package io.lucid.devstack.service;

import io.lucid.relay.EventRelay;
import io.lucid.relay.RelayConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The event relay. command-api creates the replication slot when it migrates the event store, and may start at the
 * same time as the relay: the relay waits for the slot rather than create it, so there is exactly one owner of the
 * event store's schema.
 */
final class RelayService implements Service {

    private static final Duration SLOT_WAIT = Duration.ofSeconds(120);

    private final EventRelay relay;

    RelayService(Map<String, String> env) throws SQLException, InterruptedException {
        RelayConfig config = RelayConfig.fromEnvironment(env);
        awaitSlot(config);
        this.relay = EventRelay.start(config);
    }

    @Override
    public String name() {
        return Services.RELAY;
    }

    @Override
    public boolean isLive() {
        return relay.isRunning();
    }

    @Override
    public Health readiness() {
        return relay.isRunning() ? new Health(true, "relaying")
                : new Health(false, "stopped: " + (relay.failure() == null ? "closed" : relay.failure().getMessage()));
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.of("lucid_relay_running", relay.isRunning() ? 1.0 : 0.0);
    }

    @Override
    public void close() {
        relay.close();
    }

    private static void awaitSlot(RelayConfig config) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(SLOT_WAIT);
        while (!slotExists(config)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("replication slot " + config.slot() + " was not created within "
                        + SLOT_WAIT.toSeconds() + " s: command-api creates it when it migrates the event store; see its log");
            }
            Thread.sleep(200);
        }
    }

    private static boolean slotExists(RelayConfig config) throws SQLException {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, config.slot());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
