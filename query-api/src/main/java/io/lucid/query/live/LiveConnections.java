package io.lucid.query.live;

import io.lucid.kit.auth.RevokedSubjects;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open WebSocket connections of this instance. After every refresh of the revocation list it closes the
 * connections authenticated as a revoked subject (close code 4401), so a revoked device loses its live views
 * within the same second its tokens stop working.
 */
@Singleton
public final class LiveConnections {

    private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();

    LiveConnections(RevokedSubjects revokedSubjects) {
        revokedSubjects.onRefresh(revoked -> closeRevoked(revoked::isRevoked));
    }

    void opened(LiveConnection connection) {
        open.add(connection);
    }

    void closed(LiveConnection connection) {
        open.remove(connection);
    }

    void closeRevoked(Predicate<String> isRevoked) {
        for (LiveConnection connection : open) {
            if (connection.subject().filter(isRevoked).isPresent()) {
                open.remove(connection);
                connection.revoked();
            }
        }
    }

    int size() {
        return open.size();
    }
}
