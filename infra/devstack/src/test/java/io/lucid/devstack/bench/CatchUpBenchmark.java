package io.lucid.devstack.bench;

import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;
import io.lucid.projections.ReadModel;
import io.lucid.projections.ReadModels;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Catch-up speed of the projections, against the stack of {@code ./lucid up} (the step of {@link QueryBenchmark}
 * that replays the read models, also runnable alone):
 * <ol>
 *   <li>appends synthetic {@code NodeRegistered} events to {@code lucid.node.events} (so run it on a stack you can
 *   throw away) and waits until the live {@code nodes} projection has applied them;</li>
 *   <li>ceilings: a plain consumer reads the topic end to end, then a second one that also decodes every value
 *   with the engine's Avro deserializer;</li>
 *   <li>each read model replays its topics into a scratch schema (its own consumer group) until it has read as far
 *   as the live projection: events/s from the start (schema migration included) and from its first commit, the CPU
 *   time per event of the projection's thread, of this whole process (consumer, producers) and of PostgreSQL (every
 *   process of the postmaster's tree, the live stack's included).</li>
 * </ol>
 * Usage: {@code ./lucid bench catchup [events] [runs] [read model...]} (defaults 100000 1, every read model); with
 * several runs each read model is replayed that many times and the median run is reported too.
 */
public final class CatchUpBenchmark {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String kafka;
    private final String registry;
    private final Path dataDir;
    private Connection watcher;

    CatchUpBenchmark(String jdbcUrl, String dbUser, String dbPassword, String kafka, String registry, Path dataDir) {
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.kafka = kafka;
        this.registry = registry;
        this.dataDir = dataDir;
    }

    /** The stack of {@code ./lucid up}, from the same variables as the stack itself. */
    static CatchUpBenchmark ofEnvironment() {
        Map<String, String> env = System.getenv();
        return new CatchUpBenchmark(
                env.getOrDefault("LUCID_DB_URL",
                        "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("LUCID_PG_PORT", "5433") + "/lucid"),
                env.getOrDefault("LUCID_DB_USER", "postgres"),
                env.getOrDefault("LUCID_DB_PASSWORD", ""),
                env.getOrDefault("LUCID_KAFKA_BOOTSTRAP", "127.0.0.1:" + env.getOrDefault("LUCID_KAFKA_PORT", "9092")),
                env.getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
                        "http://127.0.0.1:" + env.getOrDefault("LUCID_REGISTRY_PORT", "8081")),
                Path.of(System.getProperty("lucid.data", ".lucid")));
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<ReadModel> models = args.length > 2 ? ReadModels.named(Arrays.asList(args).subList(2, args.length))
                : ReadModels.all();
        System.out.printf("catch-up benchmark, load average %s%n", CommandLoad.load());
        ofEnvironment().run(events, runs, models);
        BenchReport.exit(0);
    }

    /** One replay of one read model. */
    record Run(long records, double seconds, double applySeconds, double threadCpuUs, double processCpuUs,
            double postgresCpuUs) {

        double rate() {
            return records / seconds;
        }

        double applyRate() {
            return records / applySeconds;
        }
    }

    void run(int events, int runs, List<ReadModel> models) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        if (events > 0) {
            append(events, run);
        }
        Map<TopicPartition, Long> ends = endOffsets(Topics.NODE_EVENTS.name());
        // Let the live projection take them first, so that the runs below compete with as little as possible.
        long liveStart = System.nanoTime();
        // The relay's topics are not transactional: their end offsets are what a consumer reaches.
        while (!atLeast(stored("read", "nodes"), ends)) {
            Thread.sleep(50);
        }
        System.out.printf("the live nodes projection applied them %.1f s after the last was sent%n",
                (System.nanoTime() - liveStart) / 1e9);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        double raw = rawConsume(ends, null);
        Deserializer<SpecificRecord> decoder =
                new AvroSerde<SpecificRecord>(SchemaRegistryClient.connect(registry)).deserializer();
        double decoding = rawConsume(ends, decoder);
        System.out.printf("raw consumer, %s end to end: %d records, %.0f records/s; decoding each value: "
                + "%.0f records/s%n", Topics.NODE_EVENTS.name(), total, raw, decoding);

        ProjectionConfig live = ProjectionConfig.of(jdbcUrl, dbUser, dbPassword, kafka, registry);
        for (ReadModel model : models) {
            List<Run> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Run one = replay(live, model, run + "_" + i);
                done.add(one);
                System.out.printf("catch-up of read model %-9s %8d records in %6.2f s = %7.0f events/s (raw consumer "
                        + "%.0f records/s: %.2fx); after migration %7.0f events/s; CPU per event: projection thread "
                        + "%.1f us, process %.1f us, PostgreSQL %.1f us%n", model.name(), one.records(),
                        one.seconds(), one.rate(), raw, one.rate() / raw, one.applyRate(), one.threadCpuUs(),
                        one.processCpuUs(), one.postgresCpuUs());
            }
            if (runs > 1) {
                done.sort((a, b) -> Double.compare(a.rate(), b.rate()));
                Run median = done.get(done.size() / 2);
                System.out.printf("median of %d runs, %-9s %7.0f events/s, after migration %7.0f events/s; "
                        + "CPU per event: projection thread %.1f us, process %.1f us, PostgreSQL %.1f us%n", runs,
                        model.name(), median.rate(), median.applyRate(), median.threadCpuUs(), median.processCpuUs(),
                        median.postgresCpuUs());
            }
        }
        System.out.printf("(%d records on %s at the start of the catch-up runs; load average now %s)%n", total,
                Topics.NODE_EVENTS.name(), CommandLoad.load());
    }

    private void append(int events, String run) {
        double seconds = SyntheticNodeEvents.appendRegistrations(kafka, registry, run, events);
        System.out.printf("appended %d synthetic registrations to %s in %.1f s%n", events, Topics.NODE_EVENTS.name(),
                seconds);
    }

    /** Replays one read model into a scratch schema until it has read as far as the live projection. */
    private Run replay(ProjectionConfig live, ReadModel model, String run) throws Exception {
        Map<TopicPartition, Long> target = stored("read", model.name());
        long records = target.values().stream().mapToLong(Long::longValue).sum();
        String schema = "bench_" + model.name() + "_" + run;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long processCpu = processCpuNanos();
        long postgresCpu = postgresCpuTicks();
        long start = System.nanoTime();
        long firstCommit = 0;
        try (ProjectionService replay = ProjectionService.start(live.withSchema(schema, "lucid-bench-" + run)
                .only(List.of(model.name())))) {
            // Done when it has read as far as the live projection, which caught up before (transactional topics
            // end with commit markers, so end offsets are never "reached" by stored next offsets).
            while (true) {
                Map<TopicPartition, Long> stored = stored(schema, model.name());
                if (firstCommit == 0 && !stored.isEmpty()) {
                    firstCommit = System.nanoTime();
                }
                if (atLeast(stored, target)) {
                    break;
                }
                if (!replay.isRunning()) {
                    throw new IllegalStateException("the replay stopped", replay.failure().orElse(null));
                }
                Thread.sleep(20);
            }
            long end = System.nanoTime();
            long threadCpu = projectionThreads(model.name()).stream().mapToLong(threads::getThreadCpuTime).sum();
            double processUs = (processCpuNanos() - processCpu) / 1e3;
            double postgresUs = (postgresCpuTicks() - postgresCpu) / TICKS_PER_SECOND * 1e6;
            return new Run(records, (end - start) / 1e9, (end - (firstCommit == 0 ? start : firstCommit)) / 1e9,
                    threadCpu / 1e3 / records, processUs / records, postgresUs / records);
        } finally {
            try (Connection connection = connection(); Statement drop = connection.createStatement()) {
                drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static List<Long> projectionThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("lucid-projection-" + name)).map(Thread::getId).toList();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU ticks of the postmaster and its children so far (0 when the data directory has none). */
    private long postgresCpuTicks() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return StackCpu.treeNanos(pid) / (1_000_000_000L / (long) TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The next offsets a projection stored in {@code schema}; empty while the schema is being migrated. */
    private Map<TopicPartition, Long> stored(String schema, String projection) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (PreparedStatement select = watcher().prepareStatement(
                "SELECT topic, partition, next_offset FROM " + schema + ".consumer_offset WHERE projection = ?")) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return stored;
    }

    private static boolean atLeast(Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> target) {
        return target.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || offsets.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Reads the partitions end to end (decoding each value when given a decoder); returns records/s. */
    private double rawConsume(Map<TopicPartition, Long> ends, Deserializer<SpecificRecord> decoder) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long count = 0;
            long decoded = 0;
            while (ends.keySet().stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                count += records.count();
                if (decoder != null) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.value() != null
                                && decoder.deserialize(record.topic(), record.headers(), record.value()) != null) {
                            decoded++;
                        }
                    }
                }
            }
            if (decoder != null && decoded == 0 && count > 0) {
                throw new IllegalStateException("no record decoded");
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /**
     * The one connection the progress polls use: a connection per poll (every 20 ms) costs a PostgreSQL backend
     * start and an authentication each time, CPU taken from the projection being measured.
     */
    private Connection watcher() throws SQLException {
        if (watcher == null || watcher.isClosed()) {
            watcher = connection();
            watcher.setAutoCommit(true);
        }
        return watcher;
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }
}
