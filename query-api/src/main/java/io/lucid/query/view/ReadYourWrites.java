package io.lucid.query.view;

import io.lucid.projections.ReadModel;
import io.lucid.query.ReadModelUnavailableException;
import io.lucid.schemas.position.Position;
import io.lucid.schemas.topic.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Read-your-writes: waits until the projection behind a view has applied the events a command stored. A position
 * names, per aggregate, its domain topic and the sequence number of the command's last event; the projection has
 * applied it when it has claimed an event of that aggregate with that sequence or a later one (per aggregate,
 * order holds). Entries on topics the projection does not read are trivially applied: they cannot change the view.
 * Positions older than the deduplication retention are taken as applied (their rows may have been pruned).
 */
public final class ReadYourWrites {

    private static final String APPLIED = """
            SELECT 1 FROM %s.processed_event WHERE projection = ? AND aggregate_id = ? AND sequence >= ? LIMIT 1""";
    private static final long FIRST_PAUSE_MS = 2;
    private static final long MAX_PAUSE_MS = 25;

    private final DataSource dataSource;
    private final String sql;
    private final Duration wait;
    private final Duration retention;
    private final Clock clock;

    public ReadYourWrites(DataSource dataSource, String schema, Duration wait, Duration retention, Clock clock) {
        this.dataSource = dataSource;
        this.sql = APPLIED.formatted(schema);
        this.wait = wait;
        this.retention = retention;
        this.clock = clock;
    }

    /** Whether the model has applied the position, waiting up to the configured time for it. */
    public boolean await(Position position, ReadModel model) {
        if (position.issuedAt().isBefore(clock.instant().minus(retention))) {
            return true;
        }
        Set<String> topics = model.sources().stream().map(Topic::name).collect(Collectors.toSet());
        List<Position.Entry> pending = position.entries().stream().filter(e -> topics.contains(e.topic())).toList();
        Instant deadline = clock.instant().plus(wait);
        long pause = FIRST_PAUSE_MS;
        while (true) {
            pending = pending.stream().filter(entry -> !applied(model.name(), entry)).toList();
            if (pending.isEmpty()) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private boolean applied(String projection, Position.Entry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, projection);
            query.setString(2, entry.aggregateId());
            query.setLong(3, entry.sequence());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new ReadModelUnavailableException("position check failed: " + e.getMessage(), e);
        }
    }
}
