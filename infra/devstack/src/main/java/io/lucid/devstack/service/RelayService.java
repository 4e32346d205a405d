package io.lucid.devstack.service;

import io.lucid.relay.EventRelay;
import io.lucid.relay.RelayConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final RelayLag lag;

    RelayService(Map<String, String> env) throws SQLException, InterruptedException {
        RelayConfig config = RelayConfig.fromEnvironment(env);
        awaitSlot(config);
        this.relay = EventRelay.start(config);
        this.lag = new RelayLag(config, relay::lastRelayedIndex, java.time.Clock.systemUTC());
    }

    @Override
    public String name() {
        return Services.RELAY;
    }

    @Override
    public boolean isLive() {
        // a relay waiting to restart its engine is live: it recovers by itself once the broker or database is back
        return relay.isAlive();
    }

    @Override
    public Health readiness() {
        Throwable failure = relay.failure();
        return relay.isRunning() ? new Health(true, "relaying")
                : new Health(false, failure == null ? "stopped" : "restarting after: " + failure.getMessage());
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("lucid.relay.running", relay, r -> r.isRunning() ? 1 : 0)
                .description("1 while the Debezium engine runs").register(registry);
        FunctionCounter.builder("lucid.relay.restarts", relay, EventRelay::restarts)
                .description("engines started again after one stopped on an error").register(registry);
        Gauge.builder("lucid.relay.lag.events", lag, l -> l.sample().events())
                .description("events stored but not yet acknowledged by the broker").register(registry);
        Gauge.builder("lucid.relay.lag.seconds", lag, l -> l.sample().seconds())
                .description("age of the oldest event not yet relayed; 0 when none").register(registry);
        Gauge.builder("lucid.relay.slot.retained.wal", lag, l -> l.sample().retainedWalBytes()).baseUnit("bytes")
                .description("WAL the replication slot keeps on the database server").register(registry);
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
