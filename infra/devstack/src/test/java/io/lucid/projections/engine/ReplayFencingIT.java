package io.lucid.projections.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lucid.devstack.replay.ReplayProbeReadModel;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.projections.Handlers;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fencing of a rebuild by its lock's generation on the real PostgreSQL (docs/replay.md, "Fencing"), with the
 * engine's own lock and batch code and the moments that matter held still: a batch of the old holder that passed
 * its check when the lock session ended, a takeover, the old holder's next batch.
 */
class ReplayFencingIT {

    private final TestStack stack = TestStacks.get();
    private final String live = "rfence_" + UUID.randomUUID().toString().substring(0, 8);
    private final String rebuilt = live + "_replay_1";
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private HikariDataSource liveDb;
    private HikariDataSource rebuildDb;

    @BeforeEach
    void schemas() {
        liveDb = pool(live);
        ReplayCoordinator.migrate(liveDb, live);
        rebuildDb = pool(rebuilt);
        ReadSchema.migrate(rebuildDb, rebuilt, List.of(new ReplayProbeReadModel()));
    }

    @AfterEach
    void drop() throws Exception {
        background.shutdownNow();
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        rebuildDb.close();
        liveDb.close();
        try (Connection connection = connection(); Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + rebuilt + " CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + live + " CASCADE");
        }
    }

    @Test
    void onceTheLockIsTakenOverNoBatchOfTheOldHolderCommits() throws Exception {
        ReplayLock first = lock("first");
        ReplayLock second = lock("second");
        assertThat(first.tryAcquire()).isTrue();
        FencingToken old = first.token();
        assertThat(second.tryAcquire()).as("the advisory lock is held").isFalse();
        assertThat(lockRow()).isEqualTo(old.generation() + " first");

        CountDownLatch checked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        BatchApplier oldHolder = applier(tx -> {
            old.hold(tx);
            if (commit.getCount() > 0) {
                // The first batch stops here, in its transaction: written, checked, not yet committed.
                checked.countDown();
                try {
                    assertThat(commit.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted in flight", e);
                }
            }
        });
        Future<BatchApplier.Outcome> inFlight = background.submit(() -> oldHolder.apply(List.of(record(0, "node_a"))));
        assertThat(checked.await(30, TimeUnit.SECONDS)).isTrue();

        // The old holder's lock session ends; the other coordinator gets the advisory lock at once, but taking the
        // next generation waits for the batch that passed its check.
        terminateLockSession();
        CompletableFuture<Boolean> takeover = CompletableFuture.supplyAsync(() -> {
            while (true) {
                try {
                    if (second.tryAcquire()) {
                        return true;
                    }
                    Thread.sleep(20);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, background);
        await().atMost(Duration.ofSeconds(30)).until(this::takeoverWaitsForALock);
        Thread.sleep(500);
        assertThat(takeover).as("the increment waits for the old generation's batch").isNotDone();

        commit.countDown();
        assertThat(inFlight.get(30, TimeUnit.SECONDS).applied()).isEqualTo(1);
        assertThat(takeover.get(30, TimeUnit.SECONDS)).isTrue();
        FencingToken current = second.token();
        assertThat(current.generation()).isEqualTo(old.generation() + 1);
        assertThat(lockRow()).isEqualTo(current.generation() + " second");
        assertThat(second.previousHolder()).isEqualTo("first");
        // The batch that had passed its check is the old generation's last write, committed before the takeover.
        assertThat(nodes()).containsExactly("node_a");

        // The old holder does not know yet: its next batch is refused and leaves nothing.
        assertThatThrownBy(() -> oldHolder.apply(List.of(record(1, "node_b"))))
                .isInstanceOf(FencingToken.TakenOver.class)
                .hasMessageContaining("generation " + current.generation());
        assertThat(nodes()).containsExactly("node_a");
        assertThat(nextOffset()).isEqualTo(1);
        assertThat(claimed()).isEqualTo(1);

        // The new holder's batch of the same record commits.
        BatchApplier newHolder = applier(current::hold);
        assertThat(newHolder.apply(List.of(record(1, "node_b"))).applied()).isEqualTo(1);
        assertThat(nodes()).containsExactly("node_a", "node_b");
        assertThat(nextOffset()).isEqualTo(2);
        try (Connection connection = liveDb.getConnection()) {
            assertThat(current.isCurrent(connection)).isTrue();
            assertThat(old.isCurrent(connection)).isFalse();
        }
    }

    @Test
    void aHolderThatTakesTheLockAgainStartsANewGeneration() throws Exception {
        ReplayLock lock = lock("one");
        assertThat(lock.tryAcquire()).isTrue();
        FencingToken before = lock.token();
        lock.release();
        assertThat(lock.tryAcquire()).isTrue();
        FencingToken after = lock.token();
        assertThat(after.generation()).isGreaterThan(before.generation());
        // Its own earlier writes are fenced like anyone's: a batch started before it let go cannot commit.
        assertThatThrownBy(() -> applier(before::hold).apply(List.of(record(0, "node_a"))))
                .isInstanceOf(FencingToken.TakenOver.class);
        assertThat(nodes()).isEmpty();
    }

    private boolean takeoverWaitsForALock() throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + ReplayLock.APPLICATION_NAME + "' AND wait_event_type = 'Lock' AND query LIKE 'UPDATE \"" + live
                     + "\".replay_lock%'")) {
            rows.next();
            return rows.getLong(1) == 1;
        }
    }

    private void terminateLockSession() throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l"
                     + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                     + " AND a.application_name = '" + ReplayLock.APPLICATION_NAME + "'"
                     + " AND l.objid::int8 = (hashtext('" + live + "')::int8 & 4294967295)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }

    private ReplayLock lock(String holder) {
        ReplayLock lock = new ReplayLock(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(), live, holder);
        open.add(lock);
        return lock;
    }

    private BatchApplier applier(BatchApplier.CommitGuard guard) {
        ReplayProbeReadModel probe = new ReplayProbeReadModel();
        // Every record here is applied: nothing is dead-lettered, so the sink never reaches for a producer.
        return new BatchApplier(rebuildDb, (topic, data) -> registered(new String(data, StandardCharsets.UTF_8)),
                Handlers.of(probe), new ProcessedEvents(probe.name()), new ConsumerOffsets(probe.name()),
                new RowStore(probe.name()), new ViewOutbox(probe.name()),
                new DeadLetterSink(null, null, "lucid-replay." + probe.name()), guard);
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String nodeId) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("lucid.node.events", 0, offset, nodeId,
                nodeId.getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.ID, "fence-" + nodeId);
        header(record, CloudEventHeaders.TYPE, NodeRegistered.getClassSchema().getFullName());
        header(record, CloudEventHeaders.SUBJECT, nodeId);
        header(record, CloudEventHeaders.SEQUENCE, "1");
        header(record, CloudEventHeaders.TIME, "2026-01-02T03:04:06Z");
        return record;
    }

    private static void header(ConsumerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static NodeRegistered registered(String nodeId) {
        return NodeRegistered.newBuilder().setNodeId(nodeId).setName("label-" + nodeId).setNodeType(NodeType.worker)
                .setHardware(NodeHardware.newBuilder().setCpuCores(8).setMemoryBytes(16L << 30)
                        .setStorageBytes(500L << 30).setStorageType(StorageType.NVMe).setNetworkMbps(1000)
                        .setGpuModel(null).build())
                .setLocation(NodeLocation.newBuilder().setCountry("DE").setRegion("Berlin").build())
                .setWalletAddress("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")
                .setPublicKey("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
                .setRegisteredAt(Instant.parse("2026-01-02T03:04:05Z")).build();
    }

    private String lockRow() throws SQLException {
        return text("SELECT generation || ' ' || holder FROM " + live + ".replay_lock");
    }

    private List<String> nodes() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM " + rebuilt + ".view_row ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private long nextOffset() throws SQLException {
        return Long.parseLong(text("SELECT coalesce(max(next_offset), 0) FROM " + rebuilt + ".consumer_offset"));
    }

    private long claimed() throws SQLException {
        return Long.parseLong(text("SELECT count(*) FROM " + rebuilt + ".processed_event"));
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = connection(); Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private HikariDataSource pool(String schema) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(stack.jdbcUrl());
        hikari.setUsername(stack.dbUser());
        hikari.setPassword(stack.dbPassword());
        hikari.setSchema(schema);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(0);
        return new HikariDataSource(hikari);
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    }
}
