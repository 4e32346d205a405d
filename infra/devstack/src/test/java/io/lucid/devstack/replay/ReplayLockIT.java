package io.lucid.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two projections services on one read schema (two instances of the service, as a deployment scales it) each run a
 * replay coordinator; the schema's advisory lock lets only one of them run a requested rebuild, and when that one
 * stops or loses its database session the other continues the same rebuild.
 */
class ReplayLockIT {

    private final TestStack stack = TestStacks.get();
    private final String schema = "rlock_" + UUID.randomUUID().toString().substring(0, 8);
    private ProjectionService first;
    private ProjectionService second;

    @AfterEach
    void stop() throws SQLException {
        for (ProjectionService service : new ProjectionService[] {first, second}) {
            if (service != null) {
                service.close();
            }
        }
        try (Connection connection = connection(); Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + schema + "_replay_1 CASCADE");
        }
    }

    @Test
    void onlyOneCoordinatorRunsARebuildAndTheOtherTakesItOver() throws Exception {
        ProjectionConfig config = ProjectionConfig.of(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(),
                stack.kafkaBootstrap(), stack.schemaRegistryUrl().toString())
                .withSchema(schema, "lucid-" + schema).only(List.of("replay_probe"));
        first = ProjectionService.start(config);
        second = ProjectionService.start(config);
        long id;
        try (Connection connection = connection(); Statement s = connection.createStatement()) {
            try (ResultSet row = s.executeQuery("INSERT INTO " + schema + ".replay (projections, requested_by)"
                    + " VALUES ('{replay_probe}', 'test') RETURNING id")) {
                row.next();
                id = row.getLong(1);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(first) || running(second));
        ProjectionService runner = running(first) ? first : second;
        ProjectionService other = runner == first ? second : first;
        assertThat(runner.replays().running()).isEqualTo(OptionalLong.of(id));
        // For as long as the runner holds the lock (it keeps the rebuild following the live projection), the
        // other coordinator, which sees the same request, never starts it.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            assertThat(other.replays().running()).isEmpty();
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> state(id).equals("compared"));
        assertThat(other.replays().running()).isEmpty();

        // The runner's lock session ends (a broken connection): it stops the rebuild, and whichever coordinator
        // takes the lock next continues it; at no moment do both run it.
        try (Connection connection = connection(); Statement s = connection.createStatement()) {
            s.execute("SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'lucid-replay-lock'"
                    + " AND l.objid::int8 = (hashtext('" + schema + "')::int8 & 4294967295)");
        }
        long until2 = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until2) {
            assertThat(running(first) && running(second)).isFalse();
            Thread.sleep(20);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(first) || running(second));

        // And a stopped runner frees the lock as well: the other service is closed, the first one takes over.
        ProjectionService holder = running(first) ? first : second;
        ProjectionService waiting = holder == first ? second : first;
        holder.close();
        if (holder == first) {
            first = null;
        } else {
            second = null;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(waiting));
        assertThat(state(id)).isIn("rebuilding", "compared");
    }

    private static boolean running(ProjectionService service) {
        return service.replays().running().isPresent();
    }

    private String state(long id) throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet row = s.executeQuery("SELECT state FROM " + schema + ".replay WHERE id = " + id)) {
            row.next();
            return row.getString(1);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }
}
