package io.lucid.query.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token subjects (revoked devices) whose tokens this service refuses. command-api writes the shared
 * {@code revoked_subject} table in the transaction of each {@code DeviceRevoked}; this service polls it every
 * {@code lucid.revocation-poll} (250 ms) into memory, so a revocation takes effect here within one poll and no
 * request waits for the database. After each poll the listeners run (the WebSocket closes revoked connections).
 * Reads only newer rows (with an overlap for slow commits) and everything once a minute; when the database is
 * unreachable the last known set stays in force.
 */
@Context
public class RevokedSubjects {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedSubjects.class);
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    private static final Duration FULL_RELOAD = Duration.ofMinutes(1);
    private static final String SINCE = "SELECT subject, revoked_at FROM revoked_subject WHERE revoked_at > ?";

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<Consumer<RevokedSubjects>> listeners = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;
    private volatile Instant newestSeen = Instant.EPOCH;
    private volatile Instant lastFullReload = Instant.EPOCH;
    private volatile boolean failing;

    public RevokedSubjects(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isRevoked(String subject) {
        return subject != null && revoked.contains(subject);
    }

    /** Runs {@code listener} after every poll. */
    public void onRefresh(Consumer<RevokedSubjects> listener) {
        listeners.add(listener);
    }

    @Scheduled(fixedDelay = "${lucid.revocation-poll:250ms}")
    void refresh() {
        Instant now = Instant.now();
        boolean full = Duration.between(lastFullReload, now).compareTo(FULL_RELOAD) > 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(SINCE)) {
            query.setTimestamp(1, Timestamp.from(full ? Instant.EPOCH : newestSeen.minus(OVERLAP)));
            try (ResultSet rows = query.executeQuery()) {
                Instant newest = newestSeen;
                while (rows.next()) {
                    revoked.add(rows.getString(1));
                    Instant at = rows.getTimestamp(2).toInstant();
                    newest = at.isAfter(newest) ? at : newest;
                }
                newestSeen = newest;
            }
            if (full) {
                lastFullReload = now;
            }
            failing = false;
        } catch (SQLException e) {
            if (!failing) {
                LOG.warn("Cannot refresh revoked token subjects, keeping the {} known: {}", revoked.size(), e.getMessage());
            }
            failing = true;
        }
        listeners.forEach(listener -> listener.accept(this));
    }
}
