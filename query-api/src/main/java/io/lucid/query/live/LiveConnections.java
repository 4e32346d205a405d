package io.lucid.query.live;

import io.lucid.kit.auth.RevokedSubjects;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open WebSocket connections of this instance. After every refresh of the revocation list it closes the
 * connections authenticated as a revoked subject (close code 4401), so a revoked device loses its live views
 * within the same second its tokens stop working. It counts the authenticated connections of each principal
 * against their limit, and its timer ({@link #tick}) lets every connection check its expiry, timeouts and
 * heartbeat.
 */
public final class LiveConnections {

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<LiveConnection>> byPrincipal = new ConcurrentHashMap<>();
    private final int maxPerPrincipal;
    private final Clock clock;

    public LiveConnections(RevokedSubjects revokedSubjects, int maxPerPrincipal, Clock clock) {
        this.maxPerPrincipal = maxPerPrincipal;
        this.clock = clock;
        revokedSubjects.onRefresh(revoked -> closeRevoked(revoked::isRevoked));
    }

    void opened(LiveConnection connection) {
        open.add(connection);
    }

    /** Counts the connection as one of {@code subject}'s; false when the subject holds its maximum already. */
    boolean claim(String subject, LiveConnection connection) {
        boolean[] admitted = {false};
        byPrincipal.compute(subject, (key, held) -> {
            Set<LiveConnection> connections = held == null ? ConcurrentHashMap.newKeySet() : held;
            if (connections.size() < maxPerPrincipal) {
                connections.add(connection);
                admitted[0] = true;
            }
            return connections.isEmpty() ? null : connections;
        });
        return admitted[0];
    }

    /** The socket closed: the connection is gone. */
    void closed(LiveConnection connection) {
        open.remove(connection);
        released(connection);
    }

    /** The connection's right ended (it may still be closing): it no longer counts against its principal. */
    void released(LiveConnection connection) {
        connection.subject().ifPresent(subject -> byPrincipal.computeIfPresent(subject, (key, held) -> {
            held.remove(connection);
            return held.isEmpty() ? null : held;
        }));
    }

    void closeRevoked(Predicate<String> isRevoked) {
        for (LiveConnection connection : open) {
            if (connection.subject().filter(isRevoked).isPresent()) {
                connection.revoked();
            }
        }
    }

    /** The timer's round: every connection checks its token expiry, timeouts, heartbeat and send queue. */
    public void tick() {
        java.time.Instant now = clock.instant();
        for (LiveConnection connection : open) {
            connection.tick(now);
        }
    }

    int size() {
        return open.size();
    }
}
