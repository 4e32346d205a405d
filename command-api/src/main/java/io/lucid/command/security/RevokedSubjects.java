package io.lucid.command.security;

import io.lucid.command.jdbc.OwnConnection;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token subjects (devices) whose tokens no longer work. The {@code revoked_subject} table is the shared truth: a
 * revocation writes its row in the same transaction as its event, and every instance of command-api and query-api
 * polls the table every {@code lucid.security.revocation-poll} (250 ms) into this in-memory set, which the token
 * validator consults on every request. So a revocation takes effect everywhere within one poll interval without a
 * query per request. The poll reads only rows newer than what it has seen (with an overlap that covers slow
 * commits) and reloads everything every minute as a safety net. If the database cannot be reached the last known
 * set stays in force.
 */
@Context
public class RevokedSubjects {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedSubjects.class);
    private static final Duration OVERLAP = Duration.ofSeconds(30);
    private static final Duration FULL_RELOAD = Duration.ofMinutes(1);
    private static final String INSERT = "INSERT INTO revoked_subject (subject) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String SINCE = "SELECT subject, revoked_at FROM revoked_subject WHERE revoked_at > ?";

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final OwnConnection own;
    private final TransactionOperations<Connection> transactions;
    private volatile Instant newestSeen = Instant.EPOCH;
    private volatile Instant lastFullReload = Instant.EPOCH;
    private volatile boolean failing;

    RevokedSubjects(OwnConnection own, TransactionOperations<Connection> transactions) {
        this.own = own;
        this.transactions = transactions;
    }

    public boolean isRevoked(String subject) {
        return subject != null && revoked.contains(subject);
    }

    /** Records the revocation in the current transaction; it commits or rolls back with the command's event. */
    public void revoke(String subject) {
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(INSERT)) {
            insert.setString(1, subject);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a revocation", e);
        }
    }

    /** Makes a committed revocation effective on this instance at once, ahead of the next poll. */
    public void remember(String subject) {
        revoked.add(subject);
    }

    @Scheduled(fixedDelay = "${lucid.security.revocation-poll:250ms}")
    void refresh() {
        Instant now = Instant.now();
        boolean full = Duration.between(lastFullReload, now).compareTo(FULL_RELOAD) > 0;
        Instant since = full ? Instant.EPOCH : newestSeen.minus(OVERLAP);
        try {
            own.run(connection -> {
                try (PreparedStatement query = connection.prepareStatement(SINCE)) {
                    query.setTimestamp(1, Timestamp.from(since));
                    try (ResultSet rows = query.executeQuery()) {
                        Instant newest = newestSeen;
                        while (rows.next()) {
                            revoked.add(rows.getString(1));
                            Instant at = rows.getTimestamp(2).toInstant();
                            newest = at.isAfter(newest) ? at : newest;
                        }
                        newestSeen = newest;
                    }
                }
                return null;
            });
            if (full) {
                lastFullReload = now;
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot refresh revoked token subjects, keeping the {} known: {}", revoked.size(), e.getMessage());
            }
            failing = true;
        }
    }
}
