package io.lucid.devstack.service;

import io.lucid.relay.RelayConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the relay is behind the event store, read from PostgreSQL when scraped (at most once a second):
 * the events stored after the last one the broker acknowledged, the age of the oldest of them, and the WAL the
 * replication slot keeps ({@code pg_current_wal_lsn() - restart_lsn}), which grows without bound while the relay
 * is down. Until the relay publishes its first event after a start, it counts from the highest index stored at
 * its start: a backlog left by a stopped relay shows in the retained WAL, and in the count once it moves.
 */
final class RelayLag {

    private static final Logger log = LoggerFactory.getLogger(RelayLag.class);
    private static final Duration CACHE = Duration.ofSeconds(1);

    /** One reading; NaN where the database did not answer. */
    record Sample(double events, double seconds, double retainedWalBytes) {
        static final Sample UNKNOWN = new Sample(Double.NaN, Double.NaN, Double.NaN);
    }

    private final RelayConfig config;
    private final LongSupplier lastRelayed;
    private final Clock clock;
    private final long indexAtStart;
    private Sample sample = Sample.UNKNOWN;
    private Instant sampledAt = Instant.EPOCH;

    RelayLag(RelayConfig config, LongSupplier lastRelayed, Clock clock) throws SQLException {
        this.config = config;
        this.lastRelayed = lastRelayed;
        this.clock = clock;
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            this.indexAtStart = rows.getLong(1);
        }
    }

    synchronized Sample sample() {
        Instant now = clock.instant();
        if (now.isBefore(sampledAt.plus(CACHE))) {
            return sample;
        }
        sampledAt = now;
        try (Connection connection = connect()) {
            sample = read(connection, now);
        } catch (SQLException e) {
            log.debug("reading the relay lag failed", e);
            sample = Sample.UNKNOWN;
        }
        return sample;
    }

    private Sample read(Connection connection, Instant now) throws SQLException {
        long from = Math.max(lastRelayed.getAsLong(), indexAtStart);
        double events;
        double seconds;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*), min(time_stamp) FROM domain_event_entry WHERE global_index > ?")) {
            query.setLong(1, from);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                events = rows.getLong(1);
                String oldest = rows.getString(2);
                seconds = oldest == null ? 0 : Math.max(0, Duration.between(Instant.parse(oldest), now).toMillis() / 1000.0);
            }
        }
        double retained = Double.NaN;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, config.slot());
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    retained = rows.getDouble(1);
                }
            }
        }
        return new Sample(events, seconds, retained);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    }
}
