package io.lucid.projections.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ReadModel;
import java.lang.management.ManagementFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the blue/green rebuilds requested in the live schema's {@code replay} table (docs/replay.md): one at a time,
 * in the projections service, with the read models' code that service runs. A rebuild goes
 * {@code requested -> rebuilding -> compared [-> switched] -> dropped}, or {@code failed}:
 * <ol>
 *   <li>rebuilding: a schema {@code <read>_replay_<id>} is migrated like the live one and each requested read model
 *   is replayed into it from the start of its topics ({@link RebuildRunner}), behind the live projection;</li>
 *   <li>once every rebuild has caught up, the live projections are fenced ({@link SchemaSwitch#fence}), the rebuilds
 *   brought to exactly the live offsets and both schemas compared ({@link SchemaComparison}); the fence is lifted;</li>
 *   <li>when a switch is asked for, the same fence, then the rows of each read model are exchanged
 *   ({@link SchemaSwitch#swap}) and the state set to switched, all in one transaction;</li>
 *   <li>a drop (at any point) stops the rebuild and drops its schema, which after a switch holds the old rows.</li>
 * </ol>
 * Progress (events done and in total, the rate) is written to the row every second. Every projections service on
 * a read schema runs a coordinator; the one that holds the schema's {@link ReplayLock} (a PostgreSQL advisory lock)
 * runs its rebuilds, the others wait. Every write of a rebuild (each batch, each change of its row, the comparison,
 * the switch, a drop) is fenced by the generation taken with the lock ({@link FencingToken}): a coordinator whose
 * lock was taken over cannot commit anything more to it, and stops at its next look.
 */
public final class ReplayCoordinator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayCoordinator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICK_MS = 250;
    private static final long CATCH_UP_UNDER_FENCE_MS = 60_000;
    /** Numbers the coordinators of this JVM, so that two in one process have different names as lock holders. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final DataSource live;
    private final ProjectionConfig config;
    private final Map<String, ReadModel> models;
    private final ProjectionRunner.Shared shared;
    private final Thread thread;
    private final ReplayLock lock;
    private volatile boolean closed;
    private volatile Active active;

    private ReplayCoordinator(DataSource live, ProjectionConfig config, List<ReadModel> models,
            ProjectionRunner.Shared shared) {
        this.live = live;
        this.config = config;
        this.models = models.stream().collect(Collectors.toMap(ReadModel::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
        this.shared = shared;
        this.lock = new ReplayLock(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.schema(),
                ManagementFactory.getRuntimeMXBean().getName() + "/replay-" + INSTANCES.incrementAndGet());
        this.thread = new Thread(this::loop, "lucid-replay");
        this.thread.setDaemon(true);
    }

    /** Migrates the replay tables, lists the read models that can be rebuilt, and starts the coordinator. */
    public static ReplayCoordinator start(DataSource live, ProjectionConfig config, List<ReadModel> models,
            ProjectionRunner.Shared shared) {
        migrate(live, config.schema());
        try (Connection connection = live.getConnection(); Statement s = connection.createStatement()) {
            connection.setAutoCommit(false);
            s.execute("DELETE FROM " + SchemaComparison.quote(config.schema()) + ".replay_projection");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                    + SchemaComparison.quote(config.schema()) + ".replay_projection (name) VALUES (?)")) {
                for (ReadModel model : models) {
                    insert.setString(1, model.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register the read models for rebuilds: " + e.getMessage(), e);
        }
        ReplayCoordinator coordinator = new ReplayCoordinator(live, config, models, shared);
        coordinator.thread.start();
        return coordinator;
    }

    /** Creates or updates the replay tables of a read schema ({@code db/read/replay}). */
    static void migrate(DataSource live, String schema) {
        Flyway.configure().dataSource(live).schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations("classpath:db/read/replay").table("replay_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (active != null) {
            active.stop();
        }
        lock.release();
    }

    /**
     * The id of the rebuild this coordinator runs: one it has started under a generation of the lock that is still
     * the current one, so that its writes can commit. Asked of the database: a coordinator whose lock another one
     * has taken over stops running the rebuild at that moment, though it notices only at its next look (see
     * {@link #started()}). Empty when the database cannot be asked.
     */
    public OptionalLong running() {
        Active current = active;
        if (current == null) {
            return OptionalLong.empty();
        }
        try (Connection connection = live.getConnection()) {
            return current.token.isCurrent(connection) ? OptionalLong.of(current.id) : OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The id of the rebuild this coordinator has started and not yet stopped, whether or not it still holds the
     * lock: after a takeover, until it notices and stops its runners.
     */
    public OptionalLong started() {
        Active current = active;
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.id);
    }

    /** The generation of the lock this coordinator holds, as far as it knows; empty when it holds none. */
    public OptionalLong generation() {
        FencingToken token = lock.token();
        return token == null ? OptionalLong.empty() : OptionalLong.of(token.generation());
    }

    private String table() {
        return SchemaComparison.quote(config.schema()) + ".replay";
    }

    private void loop() {
        long lastProgress = 0;
        while (!closed) {
            try {
                Thread.sleep(TICK_MS);
                if (active == null) {
                    // Only with work to do, and only for the coordinator that gets the lock.
                    if (pending() && lock.tryAcquire()) {
                        dropSwitched();
                        active = next();
                        if (active == null) {
                            lock.release();
                        }
                    }
                    continue;
                }
                FencingToken.TakenOver refused = active.takenOver();
                if (refused != null) {
                    stopLockLost(refused.getMessage());
                    continue;
                }
                if (!lock.held()) {
                    stopLockLost("this coordinator's lock session ended");
                    continue;
                }
                Row row = load(active.id);
                if (row.dropRequested) {
                    drop(active, "dropped", null);
                    finish();
                    continue;
                }
                Throwable failed = active.failure();
                if (failed != null) {
                    LOG.warn("Rebuild {} failed: {}", active.id, failed.toString());
                    drop(active, "failed", failed.toString());
                    finish();
                    continue;
                }
                long now = System.currentTimeMillis();
                if (now - lastProgress >= 1_000) {
                    lastProgress = now;
                    progress(active, now);
                }
                if (row.state.equals("rebuilding") && active.caughtUp()) {
                    compare(active);
                } else if (row.state.equals("compared") && row.switchRequested && active.caughtUp()) {
                    switchOver(active);
                    finish();
                }
            } catch (InterruptedException e) {
                return;
            } catch (FencingToken.TakenOver e) {
                if (active != null) {
                    stopLockLost(e.getMessage());
                } else {
                    LOG.warn("Rebuild coordinator {} gives up the replay lock: {}", lock.holder(), e.getMessage());
                    lock.release();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.info("Rebuild coordinator retries after: {}", e.toString());
                sleepQuietly(1_000);
            }
        }
    }

    /**
     * Stops the running rebuild once this coordinator lost the lock (its session ended, or another coordinator took
     * it), without writing anything more to it (nothing of it could commit once another one holds the lock): its
     * state stays, its schema too, and the next holder continues from there.
     */
    private void stopLockLost(String why) {
        LOG.warn("Rebuild {} stops on this coordinator ({}, generation {}): {}; whichever coordinator holds the replay"
                + " lock continues it from the offsets stored in schema {}", active.id, lock.holder(),
                active.token.generation(), why, active.schema);
        finish();
    }

    /** Stops the running rebuild (its schema stays) and frees the lock for any coordinator. */
    private void finish() {
        Active done = active;
        active = null;
        done.stop();
        lock.release();
    }

    /** Whether there is a rebuild to run or a switched schema to drop (read without the lock). */
    private boolean pending() throws SQLException {
        try (Connection connection = live.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table()
                     + " WHERE state IN ('requested', 'rebuilding', 'compared')"
                     + " OR (state = 'switched' AND drop_requested))");
             ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /** The rebuild to run: one left running by a previous start, or the oldest requested one. */
    private Active next() throws SQLException {
        try (Connection connection = live.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, projections, state, schema_name FROM "
                     + table() + " WHERE state IN ('requested', 'rebuilding', 'compared') ORDER BY id LIMIT 1");
             ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            long id = rows.getLong(1);
            List<String> names = Arrays.asList((String[]) rows.getArray(2).getArray());
            String state = rows.getString(3);
            String schema = rows.getString(4) != null ? rows.getString(4) : config.schema() + "_replay_" + id;
            List<ReadModel> chosen = new ArrayList<>();
            for (String name : names) {
                ReadModel model = models.get(name);
                if (model == null) {
                    fail(id, "this projections service runs no read model " + name);
                    return null;
                }
                chosen.add(model);
            }
            if (chosen.isEmpty()) {
                chosen.addAll(models.values());
            }
            FencingToken token = lock.token();
            if (state.equals("requested")) {
                LOG.info("Rebuild {} of {} into schema {} (coordinator {}, generation {})", id,
                        chosen.stream().map(ReadModel::name).toList(), schema, token.holder(), token.generation());
            } else {
                LOG.info("Rebuild {} of {} continues on coordinator {} (generation {}, after {}) from the offsets"
                        + " stored in schema {}", id, chosen.stream().map(ReadModel::name).toList(), token.holder(),
                        token.generation(), lock.previousHolder(), schema);
            }
            // Recorded first, fenced: a coordinator taken over meanwhile starts nothing.
            update(token, id, "UPDATE " + table() + " SET schema_name = ?, projections = ?, state = ?,"
                    + " updated_at = now() WHERE id = ?", schema,
                    chosen.stream().map(ReadModel::name).toArray(String[]::new),
                    state.equals("requested") ? "rebuilding" : state);
            return Active.start(id, schema, chosen, live, config, shared, token);
        }
    }

    private void progress(Active rebuild, long now) throws SQLException {
        long done = rebuild.done();
        update(rebuild.token, rebuild.id, "UPDATE " + table() + " SET events_done = ?, events_total = ?,"
                + " events_per_second = ?, updated_at = now() WHERE id = ?", done, rebuild.total(),
                rebuild.rate(now, done));
    }

    /**
     * Fences the live projections, brings the rebuild to their offsets, compares, and records the comparison in the
     * same transaction (so only the lock's holder can record one); its end lifts the fence.
     */
    private void compare(Active rebuild) throws SQLException, InterruptedException {
        ObjectNode comparison = JSON.createObjectNode();
        boolean reached = underFence(rebuild, tx -> {
            ArrayNode list = comparison.putArray("projections");
            boolean equal = true;
            for (ReadModel model : rebuild.models) {
                ObjectNode one = SchemaComparison.compare(tx, config.schema(), rebuild.schema, model.name());
                equal &= one.get("equal").asBoolean();
                list.add(one);
            }
            comparison.put("equal", equal);
            update(tx, rebuild.id, "UPDATE " + table() + " SET state = ?, comparison = ?::json,"
                    + " updated_at = now() WHERE id = ?", "compared", comparison.toString());
            return true;
        });
        if (!reached) {
            return;
        }
        progress(rebuild, System.currentTimeMillis());
        LOG.info("Rebuild {} compared: {}", rebuild.id, comparison.get("equal").asBoolean() ? "equal" : "different");
    }

    /** The same fence, then every read model's rows exchanged and the state set, in one transaction. */
    private void switchOver(Active rebuild) throws SQLException, InterruptedException {
        int[] changed = {0};
        boolean reached = underFence(rebuild, tx -> {
            for (ReadModel model : rebuild.models) {
                changed[0] += SchemaSwitch.swap(tx, config.schema(), rebuild.schema, model.name());
            }
            update(tx, rebuild.id, "UPDATE " + table() + " SET state = 'switched', updated_at = now() WHERE id = ?");
            return true;
        });
        if (!reached) {
            return;
        }
        LOG.info("Rebuild {} switched: {} rows changed; the old rows stay in {} until dropped", rebuild.id,
                changed[0], rebuild.schema);
        // The changed rows' outbox entries go out now rather than with each projection's next change.
        for (ReadModel model : rebuild.models) {
            new OutboxPublisher(live, new ViewOutbox(model.name()), shared.changes(), model.name()).publishPending();
        }
    }

    /** What runs under the fence, on its transaction; returns whether the transaction commits. */
    private interface Fenced {
        boolean run(Connection tx) throws SQLException;
    }

    /**
     * Fences the live projections in one transaction, waits there until the rebuild stands at their offsets and
     * runs {@code work}; the commit or rollback lifts the fence. The commit is fenced by the lock's generation,
     * checked last (the live projections are held meanwhile; a takeover should not wait that long). False (and
     * nothing done) when the rebuild did not reach the offsets in time; the next tick tries again.
     */
    private boolean underFence(Active rebuild, Fenced work) throws SQLException, InterruptedException {
        try (Connection tx = live.getConnection()) {
            tx.setAutoCommit(false);
            try {
                SchemaSwitch.fence(tx, config.schema());
                if (!awaitSameOffsets(tx, rebuild)) {
                    tx.rollback();
                    return false;
                }
                if (work.run(tx)) {
                    rebuild.token.hold(tx);
                    tx.commit();
                } else {
                    tx.rollback();
                }
                return true;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    private boolean awaitSameOffsets(Connection tx, Active rebuild) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + CATCH_UP_UNDER_FENCE_MS;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (ReadModel model : rebuild.models) {
                all &= SchemaSwitch.atSameOffsets(tx, config.schema(), rebuild.schema, model.name());
            }
            if (all) {
                return true;
            }
            if (rebuild.failure() != null) {
                return false;
            }
            Thread.sleep(20);
        }
        LOG.info("Rebuild {} did not reach the live offsets under the fence; trying again", rebuild.id);
        return false;
    }

    private void drop(Active rebuild, String state, String error) throws SQLException {
        rebuild.stop();
        fenced(rebuild.token, tx -> {
            try (Statement s = tx.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SchemaComparison.quote(rebuild.schema) + " CASCADE");
            }
            update(tx, rebuild.id, "UPDATE " + table() + " SET state = ?, error = ?, updated_at = now() WHERE id = ?",
                    state, error);
        });
        LOG.info("Rebuild {} {}; schema {} dropped", rebuild.id, state, rebuild.schema);
    }

    /** A switched rebuild's schema is dropped when asked, with no rebuild running. */
    private void dropSwitched() throws SQLException {
        Map<Long, String> switched = new java.util.LinkedHashMap<>();
        try (Connection connection = live.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, schema_name FROM " + table()
                     + " WHERE state = 'switched' AND drop_requested");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                switched.put(rows.getLong(1), rows.getString(2));
            }
        }
        for (Map.Entry<Long, String> one : switched.entrySet()) {
            fenced(lock.token(), tx -> {
                try (Statement s = tx.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + SchemaComparison.quote(one.getValue()) + " CASCADE");
                }
                update(tx, one.getKey(), "UPDATE " + table() + " SET state = 'dropped', updated_at = now() WHERE id = ?");
            });
        }
    }

    private void fail(long id, String error) throws SQLException {
        update(lock.token(), id, "UPDATE " + table() + " SET state = 'failed', error = ?, updated_at = now()"
                + " WHERE id = ?", error);
    }

    /** One update of a rebuild's row, fenced by {@code token}. */
    private void update(FencingToken token, long id, String sql, Object... values) throws SQLException {
        fenced(token, tx -> update(tx, id, sql, values));
    }

    /** What one fenced transaction of the coordinator does. */
    private interface Work {
        void run(Connection tx) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction that commits only while {@code token} is the lock's current generation.
     * Checked first: a coordinator that was taken over then does nothing at all (it queues no DROP SCHEMA behind the
     * new holder's batches); the row stays locked until the commit either way.
     */
    private void fenced(FencingToken token, Work work) throws SQLException {
        if (token == null) {
            throw new SQLException("this coordinator does not hold the replay lock");
        }
        try (Connection tx = live.getConnection()) {
            tx.setAutoCommit(false);
            try {
                token.hold(tx);
                work.run(tx);
                tx.commit();
            } catch (SQLException | RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }

    /** Runs one update of a rebuild's row: {@code values} then the id, in the order of the statement's marks. */
    private static void update(Connection connection, long id, String sql, Object... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                if (value instanceof String[] array) {
                    Array sqlArray = connection.createArrayOf("text", array);
                    update.setArray(i++, sqlArray);
                } else {
                    update.setObject(i++, value);
                }
            }
            update.setLong(i, id);
            update.executeUpdate();
        }
    }

    private Row load(long id) throws SQLException {
        try (Connection connection = live.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT state, switch_requested, drop_requested FROM "
                     + table() + " WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new Row("dropped", false, true);
                }
                return new Row(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3));
            }
        }
    }

    private record Row(String state, boolean switchRequested, boolean dropRequested) {
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A rebuild being run: its schema's pool and one runner thread per read model. */
    private static final class Active {

        final long id;
        final String schema;
        final FencingToken token;
        final List<ReadModel> models;
        final HikariDataSource pool;
        final List<RebuildRunner> runners;
        final List<Thread> threads;
        long lastAt;
        long lastDone = -1;
        double rate;
        boolean stopped;

        private Active(long id, String schema, FencingToken token, List<ReadModel> models, HikariDataSource pool,
                List<RebuildRunner> runners, List<Thread> threads) {
            this.id = id;
            this.schema = schema;
            this.token = token;
            this.models = models;
            this.pool = pool;
            this.runners = runners;
            this.threads = threads;
        }

        static Active start(long id, String schema, List<ReadModel> models, DataSource live, ProjectionConfig config,
                ProjectionRunner.Shared shared, FencingToken token) throws SQLException {
            HikariDataSource pool = pool(config, schema, models.size());
            try {
                ReadSchema.migrate(pool, schema, models);
                try (Connection connection = pool.getConnection(); Statement s = connection.createStatement()) {
                    // A rebuild announces nothing: its changes are not the live views'.
                    s.execute("CREATE OR REPLACE RULE replay_announces_nothing AS ON INSERT TO "
                            + SchemaComparison.quote(schema) + ".view_outbox DO INSTEAD NOTHING");
                }
                List<RebuildRunner> runners = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (ReadModel model : models) {
                    RebuildRunner runner = new RebuildRunner(model, pool, live, shared, "lucid-replay." + model.name(),
                            token);
                    Thread thread = new Thread(runner, "lucid-replay-" + model.name());
                    thread.setDaemon(true);
                    runners.add(runner);
                    threads.add(thread);
                }
                threads.forEach(Thread::start);
                return new Active(id, schema, token, models, pool, runners, threads);
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }

        long done() {
            return runners.stream().mapToLong(RebuildRunner::done).sum();
        }

        long total() {
            return runners.stream().mapToLong(RebuildRunner::total).sum();
        }

        boolean caughtUp() {
            return runners.stream().allMatch(RebuildRunner::caughtUp);
        }

        Throwable failure() {
            return runners.stream().map(RebuildRunner::failure).filter(f -> f != null).findFirst().orElse(null);
        }

        FencingToken.TakenOver takenOver() {
            return runners.stream().map(RebuildRunner::takenOver).filter(f -> f != null).findFirst().orElse(null);
        }

        double rate(long now, long done) {
            if (lastDone >= 0 && now > lastAt) {
                double current = (done - lastDone) * 1000.0 / (now - lastAt);
                rate = rate == 0 ? current : 0.5 * rate + 0.5 * current;
            }
            lastAt = now;
            lastDone = done;
            return rate;
        }

        /** Stops the runners and closes the pool; once (a drop stops its rebuild before the lock is freed). */
        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            runners.forEach(RebuildRunner::stop);
            for (Thread thread : threads) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            pool.close();
        }
    }

    private static HikariDataSource pool(ProjectionConfig config, String schema, int runners) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setSchema(schema);
        hikari.setPoolName("lucid-replay");
        hikari.setMaximumPoolSize(runners + 2);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }
}
