package io.lucid.devstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import io.lucid.schemas.topic.Topics;

/**
 * Our command path beside the ceilings of the parts it runs on, in one run on one machine and one stack
 * ({@code ./lucid up}); not a test, it prints figures (docs/benchmarks.md, "Peers and ceilings"):
 * <ol>
 *   <li>ours: batched proofs over HTTP ({@link ProofBatchBenchmark}), and the rate at which their events reach
 *   {@code lucid.poot.events} through the relay;</li>
 *   <li>store ceiling: {@code pgbench} running the event-store insert (a copy of {@code domain_event_entry} with
 *   the same columns, {@code prev_hash} and {@code hash} included, and indexes, filled with the bytes of the last
 *   proof event the command side stored), one row per transaction and a batch's rows per transaction;</li>
 *   <li>broker ceiling: Kafka's {@code ProducerPerformance} (acks=all) and {@code ConsumerPerformance} against the
 *   stack's broker, records the size of our proof events.</li>
 * </ol>
 * Each of our figures is reported as a ratio of its ceiling, rates and CPU per operation of the process concerned.
 * Arguments: {@code [batches=100] [size=1000] [workers=4] [seconds per pgbench run=20]}.
 * Run: {@code ./lucid bench ceilings}.
 */
public final class CeilingsBenchmark {

    private static final String SCRATCH = "bench_ceiling";
    private static final String TOPIC = "lucid.bench.ceiling";
    private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+) \\(without initial connection time\\)");

    private final CommandLoad load = new CommandLoad();
    private final String pgPort = System.getenv().getOrDefault("LUCID_PG_PORT", "5433");
    private final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + pgPort + "/lucid");
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final BenchReport report = BenchReport.current();
    /** CPU per event of the in-process append's JVM over its measured phase only (not its start or warm-up). */
    private long appendCpuPerEvent;

    private CeilingsBenchmark() throws IOException {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        new CeilingsBenchmark().run(batches, size, workers, seconds);
        BenchReport.exit(0);
    }

    private void run(int batches, int size, int workers, int seconds) throws Exception {
        ProofBatchBenchmark.measure(load, report, "warm-up", Math.max(1, batches / 10), size, workers);
        long delivered = 0;
        double relaySeconds;
        BenchReport.Row ours;
        try (KafkaConsumer<byte[], byte[]> offsets = offsetReader()) {
            long proofEventsBefore = endOffsets(offsets, Topics.POOT_EVENTS.name());
            ours = ProofBatchBenchmark.measure(load, report, "measured", batches, size, workers);
            long httpStart = System.nanoTime() - (long) (ours.seconds() * 1e9);
            // The relay's side of the same phase: from the first request until the proof events stop growing.
            long lastGrowth = System.nanoTime();
            while (System.nanoTime() - lastGrowth < 5_000_000_000L && delivered < ours.operations()) {
                long now = endOffsets(offsets, Topics.POOT_EVENTS.name()) - proofEventsBefore;
                if (now > delivered) {
                    delivered = now;
                    lastGrowth = System.nanoTime();
                }
                Thread.sleep(100);
            }
            relaySeconds = (lastGrowth - httpStart) / 1e9;
        }
        long proofs = ours.operations();
        BenchReport.Row relayed = report.add("proof events on " + Topics.POOT_EVENTS.name() + " (relay, same phase)",
                delivered, relaySeconds, "events", null, Map.of());

        StoredEvent sample;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            sample = lastEvent(db);
            scratchTable(db);
        }
        BenchReport.Row single = pgbench("pgbench: the event-store insert, 1 row per transaction, 2 clients",
                singleInsert(sample), 1, seconds);
        BenchReport.Row batched = pgbench("pgbench: the event-store insert, " + size + " rows per transaction, 2 clients",
                batchInsert(sample, size), size, seconds);
        BenchReport.Row appended = axonAppend((int) Math.max(10L * size, proofs), size);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement ddl = db.createStatement()) {
            ddl.execute("DROP SCHEMA " + SCRATCH + " CASCADE");
        }

        int partitions = partitions(Topics.POOT_EVENTS.name());
        createTopic(partitions);
        long records = Math.max(100_000, proofs * 2);
        BenchReport.Phase producing = report.begin("ProducerPerformance: " + sample.bytes() + "-byte records, acks=all, "
                + partitions + " partitions");
        KafkaTools.Produced produced = KafkaTools.producerPerformance(kafka, TOPIC, records, sample.bytes());
        BenchReport.Row producer = producing.end(produced.records(), "records", null,
                produced.records() / produced.perSecond());
        report.note(String.format("ProducerPerformance's own latency: avg %.1f ms, p50 %.0f ms, p99 %.0f ms, "
                + "p99.9 %.0f ms (unbounded rate, so these are queueing at the ceiling)", produced.avgMs(),
                produced.p50Ms(), produced.p99Ms(), produced.p999Ms()));
        BenchReport.Phase consuming = report.begin("ConsumerPerformance over the same records");
        long[] consumed = KafkaTools.consumerPerformance(kafka, TOPIC, produced.records());
        consuming.end(consumed[0], "records", null, consumed[1] / 1000.0);
        deleteTopic();

        report.compare("rate: HTTP batches vs pgbench batch insert", ours, batched);
        report.compare("rate: HTTP batches vs pgbench 1-row insert", ours, single);
        report.compare("rate: HTTP batches vs Axon append in-process", ours, appended);
        report.compare("CPU/event: command-api vs Axon append in-process", "ours",
                ours.cpuPerOp().getOrDefault("command-api", 0L), "in-process append",
                appendCpuPerEvent, "us");
        report.compare("CPU/event: PostgreSQL, ours vs pgbench batch", "ours",
                ours.cpuPerOp().getOrDefault("postgres", 0L), "pgbench", batched.cpuPerOp().getOrDefault("postgres", 0L),
                "us");
        report.compare("rate: relay vs ProducerPerformance", relayed.measure(), relayed.rate(),
                producer.measure(), producer.rate(), "events/s");
        report.compare("CPU/event: broker, ours vs ProducerPerformance", "ours",
                ours.cpuPerOp().getOrDefault("kafka", 0L), "ProducerPerformance",
                producer.cpuPerOp().getOrDefault("kafka", 0L), "us");
        report.note("The relay's rate is bounded by the command side here (it publishes what the batches commit); the"
                + " relay against the Axon Kafka extension at fixed rates is not measured yet.");
        report.finish();
    }

    /**
     * command-api's own append (io.lucid.command.axon.AppendCeiling, in its test classes) in a JVM on its classpath,
     * into the scratch copy of the event store: {@code events} proofs, {@code batch} per transaction.
     */
    private BenchReport.Row axonAppend(int events, int batch) throws IOException, InterruptedException {
        BenchReport.Phase phase = report.begin("Axon JDBC append in-process (command-api's engine and insert), "
                + batch + " events per transaction, 1 writer");
        String out = CommandApiProgram.run("io.lucid.command.axon.AppendCeiling", jdbcUrl, SCRATCH,
                Integer.toString(events), Integer.toString(batch));
        Matcher measured = Pattern.compile("measured: appended (\\d+) events in ([\\d.]+) s, process CPU (\\d+) us").matcher(out);
        if (!measured.find()) {
            throw new IllegalStateException("the in-process append failed: " + out);
        }
        long count = Long.parseLong(measured.group(1));
        appendCpuPerEvent = Long.parseLong(measured.group(3)) / Math.max(1, count);
        return phase.end(count, "events", null, Double.parseDouble(measured.group(2)));
    }

    /** The bytes of the newest stored event (a proof of the phase just run), to insert the same row shape. */
    private record StoredEvent(String type, String payloadType, String payloadHex, String metaHex, int bytes) {
    }

    private static StoredEvent lastEvent(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT type, payload_type, encode(payload, 'hex'),"
                     + " encode(meta_data, 'hex'), octet_length(payload) + coalesce(octet_length(meta_data), 0)"
                     + " FROM domain_event_entry ORDER BY global_index DESC LIMIT 1")) {
            if (!row.next()) {
                throw new IllegalStateException("the event store is empty");
            }
            return new StoredEvent(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5));
        }
    }

    /** A copy of the event store's table (columns, constraints, indexes) with a sequence of its own, not published. */
    private static void scratchTable(Connection db) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            ddl.execute("CREATE SCHEMA " + SCRATCH);
            ddl.execute("CREATE TABLE " + SCRATCH + ".domain_event_entry (LIKE domain_event_entry INCLUDING ALL"
                    + " EXCLUDING DEFAULTS)");
            ddl.execute("CREATE SEQUENCE " + SCRATCH + ".global_index");
            ddl.execute("ALTER TABLE " + SCRATCH + ".domain_event_entry ALTER COLUMN global_index SET DEFAULT"
                    + " nextval('" + SCRATCH + ".global_index')");
        }
    }

    private static final String COLUMNS = "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
            + " payload_type, payload_revision, payload, meta_data, prev_hash, hash)";
    /** Axon's ISO-8601 time stamp; pgbench reads ":name" as a variable, so the colons are chr(58). */
    private static final String TIMESTAMP = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24') || chr(58) ||"
            + " to_char(now() AT TIME ZONE 'UTC', 'MI') || chr(58) || to_char(now() AT TIME ZONE 'UTC', 'SS.MS\"Z\"')";
    private static final String HASH = "'\\x" + "ab".repeat(32) + "'::bytea";

    private static String values(StoredEvent e, String id) {
        return id + "::text, 'node_' || " + id + "::text, 0, '" + e.type() + "', " + TIMESTAMP + ", '" + e.payloadType() + "', NULL, decode('" + e.payloadHex()
                + "', 'hex'), decode('" + e.metaHex() + "', 'hex'), " + HASH + ", " + HASH;
    }

    private static String singleInsert(StoredEvent e) {
        return "INSERT INTO " + SCRATCH + ".domain_event_entry " + COLUMNS + " VALUES (" + values(e, "gen_random_uuid()")
                + ");\n";
    }

    private static String batchInsert(StoredEvent e, int size) {
        return "INSERT INTO " + SCRATCH + ".domain_event_entry " + COLUMNS + " SELECT " + values(e, "id") + " FROM"
                + " (SELECT gen_random_uuid() AS id FROM generate_series(1, " + size + ")) AS ids;\n";
    }

    /** Runs pgbench with the script for {@code seconds}; one row of the report, latency per transaction. */
    private BenchReport.Row pgbench(String measure, String script, int rowsPerTransaction, int seconds)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lucid-pgbench-");
        Path file = dir.resolve("insert.sql");
        Files.writeString(file, script);
        BenchReport.Phase phase = report.begin(measure);
        Process process = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-p", pgPort, "-U", "postgres",
                "-c", "2", "-j", "2", "-M", "prepared", "-T", Integer.toString(seconds), "-f", file.toString(), "-l",
                "--log-prefix=" + dir.resolve("log"), "lucid").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        Matcher transactions = TRANSACTIONS.matcher(out);
        Matcher tps = TPS.matcher(out);
        if (!transactions.find() || !tps.find()) {
            throw new IllegalStateException("pgbench printed no figures: " + out);
        }
        long count = Long.parseLong(transactions.group(1));
        double perSecond = Double.parseDouble(tps.group(1));
        // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us
        List<Long> micros = new ArrayList<>();
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("log")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.split(" ");
                    if (f.length >= 3) {
                        micros.add(Long.parseLong(f[2]));
                    }
                }
                Files.delete(log);
            }
        }
        Files.delete(file);
        Files.delete(dir);
        return phase.end(count * rowsPerTransaction, "rows", Latency.ofMicros(micros), count / perSecond);
    }

    private KafkaConsumer<byte[], byte[]> offsetReader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Committed end offsets of a topic, summed (transaction markers included: a small overcount). */
    private static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private int partitions(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private void createTopic(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            try {
                admin.deleteTopics(List.of(TOPIC)).all().get();
                Thread.sleep(1000);
            } catch (java.util.concurrent.ExecutionException e) {
                // not there: the usual case
            }
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private void deleteTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.deleteTopics(List.of(TOPIC)).all().get();
        }
    }
}
