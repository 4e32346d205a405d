package io.lucid.kit.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token subjects (revoked devices) whose tokens this service refuses. Every instance of both APIs polls
 * {@link RevocationTable} every {@code lucid.security.revocation-poll} (250 ms) into this in-memory set, which
 * {@link TokenClaimsValidator} consults on every request: a revocation takes effect everywhere within one poll and
 * no request waits for the database. The poll reads only newer rows (with an overlap that covers slow commits) and
 * everything once a minute; when the database is unreachable the last known set stays in force. After each poll the
 * listeners run (query-api closes revoked WebSocket connections).
 *
 * <p>Until the first poll succeeds the service does not know which tokens are revoked, so {@link #isLoaded()} is
 * false and the health check is DOWN ({@link io.lucid.kit.health.RevocationHealthIndicator}). A missing table then is
 * the normal start of a fresh system (command-api creates it when it migrates the event store, possibly after
 * query-api starts): logged at INFO, not as a warning. A failure after the list was loaded is a WARN.
 */
@Context
public class RevokedSubjects {

    public static final String POLL_PROPERTY = "lucid.security.revocation-poll";
    private static final Logger LOG = LoggerFactory.getLogger(RevokedSubjects.class);
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    private static final Duration FULL_RELOAD = Duration.ofMinutes(1);

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<Consumer<RevokedSubjects>> listeners = new CopyOnWriteArrayList<>();
    private final JdbcConnections connections;
    private volatile Instant newestSeen = Instant.EPOCH;
    private volatile Instant lastFullReload = Instant.EPOCH;
    private volatile boolean failing;
    private volatile boolean loaded;

    public RevokedSubjects(JdbcConnections connections) {
        this.connections = connections;
    }

    public boolean isRevoked(String subject) {
        return subject != null && revoked.contains(subject);
    }

    /** Makes a committed revocation effective on this instance at once, ahead of the next poll. */
    public void remember(String subject) {
        revoked.add(subject);
    }

    /** Whether a poll has succeeded: before, no revocation is known and none can be enforced. */
    public boolean isLoaded() {
        return loaded;
    }

    /** Runs {@code listener} after every poll. */
    public void onRefresh(Consumer<RevokedSubjects> listener) {
        listeners.add(listener);
    }

    @Scheduled(fixedDelay = "${" + POLL_PROPERTY + ":250ms}")
    void refresh() {
        Instant now = Instant.now();
        boolean full = Duration.between(lastFullReload, now).compareTo(FULL_RELOAD) > 0;
        Instant since = full ? Instant.EPOCH : newestSeen.minus(OVERLAP);
        try {
            Instant newest = connections.run(connection -> RevocationTable.readSince(connection, since, revoked::add));
            newestSeen = newest.isAfter(newestSeen) ? newest : newestSeen;
            if (full) {
                lastFullReload = now;
            }
            failing = false;
            if (!loaded) {
                loaded = true;
                LOG.info("Revoked token subjects loaded: {}", revoked.size());
            }
        } catch (RuntimeException e) {
            if (!failing && !loaded) {
                LOG.info("Revoked token subjects not readable yet, retrying: {}", e.getMessage());
            } else if (!failing) {
                LOG.warn("Cannot refresh revoked token subjects, keeping the {} known: {}", revoked.size(), e.getMessage());
            }
            failing = true;
        }
        listeners.forEach(listener -> listener.accept(this));
    }
}
