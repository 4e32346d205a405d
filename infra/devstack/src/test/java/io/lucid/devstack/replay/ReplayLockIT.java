package io.lucid.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two projections services on one read schema (two instances of the service, as a deployment scales it) each run a
 * replay coordinator; the schema's advisory lock lets only one of them run a requested rebuild, and when that one
 * stops or loses its database session the other continues the same rebuild. Nodes are registered all along, so the
 * rebuild keeps applying batches while its lock changes hands; the rebuild switched at the end must equal the live
 * rows it replaces. The fencing itself, with the moments that matter held still, is {@code ReplayFencingIT}.
 */
class ReplayLockIT {

    private final TestStack stack = TestStacks.get();
    private final String schema = "rlock_" + UUID.randomUUID().toString().substring(0, 8);
    private final Nodes nodes = new Nodes(stack, new ApiClient(stack));
    private final List<String> registered = new CopyOnWriteArrayList<>();
    private final AtomicBoolean registering = new AtomicBoolean(true);
    private final ExecutorService traffic = Executors.newSingleThreadExecutor();
    private ProjectionService first;
    private ProjectionService second;

    @AfterEach
    void stop() throws Exception {
        registering.set(false);
        traffic.shutdown();
        traffic.awaitTermination(30, TimeUnit.SECONDS);
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
            assertThat(other.replays().started()).isEmpty();
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> state(id).equals("compared"));
        assertThat(other.replays().started()).isEmpty();

        // From here on the live projection moves, and the rebuild follows it batch by batch.
        traffic.submit(() -> {
            while (registering.get()) {
                registered.add(nodes.register("node_rlock_", new NodeKeys()));
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> registered.size() >= 3);

        // The runner's lock session ends (a broken connection). Whichever coordinator takes the lock next takes a
        // new generation and continues the rebuild; the runner's writes stop counting at that moment, though it
        // notices only at its next look. The possible new holder is asked first: the old holder stops running
        // when the new generation commits, before the new holder can run, so a sample with both running means
        // both could commit.
        long before = runner.replays().generation().orElseThrow();
        terminateLockSession();
        long until2 = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until2) {
            boolean otherRuns = running(other);
            boolean runnerRuns = running(runner);
            assertThat(otherRuns && runnerRuns).as("both coordinators run the rebuild").isFalse();
            Thread.sleep(20);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(first) || running(second));
        ProjectionService winner = running(first) ? first : second;
        ProjectionService loser = winner == first ? second : first;
        long after = winner.replays().generation().orElseThrow();
        assertThat(after).isGreaterThan(before);
        assertThat(lockGeneration()).isEqualTo(after);
        // The loser (the old runner, unless it took the lock again itself) has stopped: no runners, no lock.
        await().atMost(Duration.ofSeconds(30)).until(() -> loser.replays().started().isEmpty()
                && loser.replays().generation().isEmpty());
        assertThat(state(id)).isEqualTo("compared");

        // A stopped runner frees the lock as well: the holder's service is closed, the other one takes over.
        ProjectionService holder = winner;
        ProjectionService waiting = loser;
        holder.close();
        if (holder == first) {
            first = null;
        } else {
            second = null;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(waiting));
        assertThat(waiting.replays().generation().orElseThrow()).isGreaterThan(after);
        assertThat(state(id)).isIn("rebuilding", "compared");

        // The rebuild, continued by three holders while batches came in, equals the live rows it replaces.
        registering.set(false);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> liveProbes() >= registered.size());
        try (Connection connection = connection(); Statement s = connection.createStatement()) {
            s.execute("UPDATE " + schema + ".replay SET switch_requested = true WHERE id = " + id);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> state(id).equals("switched"));
        assertThat(text("SELECT coalesce(error, 'none') FROM " + schema + ".replay WHERE id = " + id))
                .isEqualTo("none");
        String rows = "SELECT view, id, deleted, body::text FROM %s.view_row WHERE projection = 'replay_probe'";
        String rebuiltRows = rows.formatted(schema);
        String replacedRows = rows.formatted(schema + "_replay_1");
        assertThat(number("SELECT count(*) FROM (" + rebuiltRows + ") r")).isEqualTo(
                number("SELECT count(*) FROM (" + replacedRows + ") o")).isGreaterThanOrEqualTo(registered.size());
        assertThat(number("SELECT count(*) FROM (" + rebuiltRows + " EXCEPT " + replacedRows + ") d")).isZero();
        assertThat(number("SELECT count(*) FROM (" + replacedRows + " EXCEPT " + rebuiltRows + ") d")).isZero();
        for (String nodeId : registered) {
            assertThat(number("SELECT count(*) FROM " + schema + ".view_row WHERE view = 'replay_probe' AND id = '"
                    + nodeId + "' AND NOT deleted")).as(nodeId).isEqualTo(1);
        }
    }

    private long liveProbes() throws SQLException {
        String ids = String.join("','", registered);
        return number("SELECT count(*) FROM " + schema + ".view_row WHERE view = 'replay_probe' AND id IN ('" + ids
                + "')");
    }

    private long lockGeneration() throws SQLException {
        return number("SELECT generation FROM " + schema + ".replay_lock");
    }

    private void terminateLockSession() throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l"
                     + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                     + " AND a.application_name = 'lucid-replay-lock'"
                     + " AND l.objid::int8 = (hashtext('" + schema + "')::int8 & 4294967295)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }

    private long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet row = s.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
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
