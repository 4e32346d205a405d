package io.lucid.devstack.bench;

import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Our Debezium relay beside the Axon Kafka extension, Axon's own way to publish an event store to Kafka, on the same
 * event store, broker and machine and in the same run: the benchmark appends node registrations into
 * {@code domain_event_entry} at a controlled open-loop rate (one COPY transaction per 5 ms tick), both publishers
 * carry every one of them (ours to {@code lucid.node.events}, the peer, {@link AxonKafkaPeer} in a JVM of its own,
 * to a scratch topic with as many partitions), and one consumer on both topics measures, per event, the time from
 * the append's commit to the record's arrival (HdrHistogram). Phases: a warm-up, each paced rate, a burst (as fast as
 * COPY appends) whose drain rate is each publisher's sustained ceiling, then each publisher's highest sustainable
 * rate, paced at {@code headroom} of its ceiling.
 *
 * <p>CPU per event, per process from {@code /proc}: the whole phase for every process of the stack (the broker and
 * PostgreSQL serve both publishers at once); and for each publisher alone, the relay's threads in the devstack JVM
 * (by name, via {@code jcmd Thread.print}) plus its walsender, against the peer's JVM plus its PostgreSQL backends.
 *
 * <p>Arguments: {@code [seconds per paced phase=30] [rates=200,1000] [burst events=20000] [peer batch=100]
 * [peer fetch delay ms=10] [headroom=0.8]}. Run on a stack of {@code ./lucid up} you can throw away (the nodes it
 * registers were never validated by command-api): {@code ./lucid bench relay-peer}.
 */
public final class RelayPeerBenchmark {

    static final String PEER_TOPIC = "lucid.bench.axon-peer";
    private static final String OURS_TOPIC = Topics.NODE_EVENTS.name();
    private static final long TICK_NANOS = 5_000_000;
    private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\".* nid=(0x[0-9a-f]+|\\d+)");

    private final String pgPort = System.getenv().getOrDefault("LUCID_PG_PORT", "5433");
    private final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + pgPort + "/lucid");
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final Path data = Path.of(System.getProperty("lucid.data", ".lucid"));
    private final BenchReport report = BenchReport.current();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Map<String, Appended> appended = new ConcurrentHashMap<>();
    private int nextNode;
    private volatile boolean consuming = true;

    /** One publisher's view of one phase. */
    static final class Side {
        final Latency latency = new Latency();
        final AtomicLong delivered = new AtomicLong();
        volatile long lastArrival;
    }

    /** One phase: its events' fate on both topics. */
    static final class Trial {
        final String name;
        final Side ours = new Side();
        final Side peer = new Side();
        long events;
        long firstCommit;
        long lastCommit;

        Trial(String name) {
            this.name = name;
        }
    }

    /** An appended event: its phase and its commit instant (unknown until the COPY returned). */
    private static final class Appended {
        final Trial trial;
        volatile long committedAt = Long.MAX_VALUE;

        Appended(Trial trial) {
            this.trial = trial;
        }
    }

    /** CPU of each publisher alone (ns), read at a phase's start and end. */
    private record Own(long oursThreads, long oursWalsender, long peerJvm, long peerBackends) {
    }

    private RelayPeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<Integer> rates = new ArrayList<>();
        for (String rate : (args.length > 1 ? args[1] : "200,1000").split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int fetchDelay = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        double headroom = args.length > 5 ? Double.parseDouble(args[5]) : 0.8;
        String confirmation = args.length > 6 ? args[6] : "WAIT_FOR_ACK";
        new RelayPeerBenchmark().run(seconds, rates, burst, batch, fetchDelay, headroom, confirmation);
        BenchReport.exit(0);
    }

    private void run(int seconds, List<Integer> rates, int burst, int batch, int fetchDelay, double headroom,
            String confirmation) throws Exception {
        long devstackPid = Long.parseLong(Files.readString(data.resolve("run").resolve("devstack.pid")).trim());
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            partitions = admin.describeTopics(List.of(OURS_TOPIC)).allTopicNames().get().get(OURS_TOPIC)
                    .partitions().size();
            recreate(admin, partitions);
        }
        report.note(String.format(Locale.ROOT, "peer: axon-kafka 4.9.0 KafkaPublisher (%s, acks=all,"
                + " idempotence, linger 0) behind a TrackingEventProcessor (1 thread, batch %d, token in PostgreSQL,"
                + " PropagatingErrorHandler) over EmbeddedEventStore (fetchDelay %d ms) and JdbcEventStorageEngine"
                + " (batch %d), Avro payloads passed through; to %s, %d partitions, key = aggregate id", confirmation, batch,
                fetchDelay, batch, PEER_TOPIC, partitions));
        report.note("ours: the stack's Debezium relay (pgoutput, poll.interval.ms 10, idempotent producer, acks=all,"
                + " linger 0, batch marked processed after the broker's acks) to " + OURS_TOPIC + ", " + partitions
                + " partitions; latency per event from the COPY's commit (5 ms ticks) to its record on each topic");

        Process peer = startPeer(batch, fetchDelay, confirmation);
        StackCpu.watch("axon-peer", peer.pid());
        Thread consumer = new Thread(this::consume, "relay-peer-consumer");
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            consumer.start();
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            List<String> relayThreads = relayThreads(devstackPid);
            report.note("our relay's threads, counted by name in the devstack JVM: " + relayThreads);

            // Warm-up, not reported: the peer's JVM is new, ours has run since the stack started; a paced phase and a
            // burst let both compile their hot paths before anything is measured.
            measure(db, copy, devstackPid, peer.pid(), relayThreads, "warm-up 200/s", 200, 5, false);
            burst(db, copy, devstackPid, peer.pid(), relayThreads, Math.max(1000, burst / 4), false);
            for (int rate : rates) {
                measure(db, copy, devstackPid, peer.pid(), relayThreads, rate + " events/s", rate, seconds, true);
            }
            Trial flood = burst(db, copy, devstackPid, peer.pid(), relayThreads, burst, true);
            double oursCeiling = drainRate(flood, flood.ours);
            double peerCeiling = drainRate(flood, flood.peer);
            Trial[] oursHigh = sustainable(db, copy, devstackPid, peer.pid(), relayThreads, oursCeiling, headroom,
                    seconds, true, "our");
            Trial[] peerHigh = sustainable(db, copy, devstackPid, peer.pid(), relayThreads, peerCeiling, headroom,
                    seconds, false, "the peer's");
            report.compare("sustained rate (burst drain): ours vs Axon Kafka extension", "ours", oursCeiling,
                    "peer", peerCeiling, "events/s");
            report.compare("highest sustainable rate (p99 <= 1 s): ours vs Axon Kafka extension", "ours",
                    oursHigh[0].events / (double) seconds, "peer", peerHigh[0].events / (double) seconds, "events/s");
            report.compare("p99 at each one's highest sustainable rate", "ours",
                    oursHigh[0].ours.latency.percentileMs(99), "peer", peerHigh[0].peer.latency.percentileMs(99), "ms");
            report.note(threadCpu("our relay's threads over the run (jcmd)", devstackPid, relayThreads));
            report.note(threadCpu("the peer's threads over the run (jcmd)", peer.pid(), null));
        } finally {
            consuming = false;
            consumer.join(5000);
            peer.getOutputStream().close();
            if (!peer.waitFor(30, TimeUnit.SECONDS)) {
                peer.destroy();
            }
            StackCpu.unwatch("axon-peer");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
                admin.deleteTopics(List.of(PEER_TOPIC)).all().get();
            }
        }
        report.finish();
    }

    /** An open-loop phase at {@code rate} for {@code seconds}; reported when {@code reported}. */
    private Trial measure(Connection db, CopyManager copy, long devstackPid, long peerPid, List<String> relayThreads,
            String name, int rate, int seconds, boolean reported) throws Exception {
        Trial trial = new Trial(name);
        BenchReport.Phase phase = reported ? report.begin("all processes, " + name
                + " (both publishers at once; rate offered, CPU until both drained)")
                : null;
        Own before = own(db, devstackPid, peerPid, relayThreads);
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (long tick = start; trial.events < total; tick += TICK_NANOS) {
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // Open loop: every event due by now is appended, whether or not the last COPY was slow.
            long due = Math.min(total, (long) ((Math.min(System.nanoTime(), end) - start) / 1e9 * rate) + 1);
            if (due > trial.events) {
                append(copy, trial, (int) (due - trial.events));
            }
        }
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        drain(trial);
        Own after = own(db, devstackPid, peerPid, relayThreads);
        if (reported) {
            phase.end(trial.events, "events", null, appendSeconds);
            report(trial, before, after, appendSeconds);
        } else if (trial.ours.delivered.get() == 0 || trial.peer.delivered.get() == 0) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: a publisher delivered nothing (ours %d,"
                    + " peer %d of %d events); see the peer's log under %s", name, trial.ours.delivered.get(),
                    trial.peer.delivered.get(), trial.events, data.resolve("logs").resolve("axon-peer")));
        }
        return trial;
    }

    /**
     * The highest paced rate one publisher sustains: {@code headroom} of its burst rate, halved until its p99 is
     * within a second (at most three tries). Returns the trial at that rate (and that it was found).
     */
    private Trial[] sustainable(Connection db, CopyManager copy, long devstackPid, long peerPid,
            List<String> relayThreads, double ceiling, double headroom, int seconds, boolean ours, String whose)
            throws Exception {
        int rate = Math.max(10, (int) Math.round(ceiling * headroom / 10) * 10);
        Trial trial = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            trial = measure(db, copy, devstackPid, peerPid, relayThreads, String.format(Locale.ROOT,
                    "%d events/s (%s highest sustainable, try %d)", rate, whose, attempt + 1), rate, seconds, true);
            Side side = ours ? trial.ours : trial.peer;
            if (keptUp(trial, side) && side.latency.percentileMs(99) <= 1000) {
                return new Trial[] {trial};
            }
            rate = Math.max(10, rate / 2 / 10 * 10);
        }
        report.note(whose + " highest sustainable rate: not found in three tries; the last is reported");
        return new Trial[] {trial};
    }

    /** Appends {@code events} as fast as COPYs of 500 go in; each publisher's drain rate is its ceiling. */
    private Trial burst(Connection db, CopyManager copy, long devstackPid, long peerPid, List<String> relayThreads,
            int events, boolean reported) throws Exception {
        Trial trial = new Trial("burst of " + events + " events");
        if (!reported) {
            long start = System.nanoTime();
            while (trial.events < events) {
                append(copy, trial, (int) Math.min(500, events - trial.events));
            }
            drain(trial);
            System.out.printf("  warm-up burst of %d events: drained by ours in %.1f s, by the peer in %.1f s%n", events,
                    (trial.ours.lastArrival - start) / 1e9, (trial.peer.lastArrival - start) / 1e9);
            return trial;
        }
        BenchReport.Phase phase = report.begin("all processes, " + trial.name
                + " (both publishers at once; rate offered, CPU until both drained)");
        Own before = own(db, devstackPid, peerPid, relayThreads);
        long start = System.nanoTime();
        while (trial.events < events) {
            append(copy, trial, (int) Math.min(500, events - trial.events));
        }
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        drain(trial);
        Own after = own(db, devstackPid, peerPid, relayThreads);
        phase.end(trial.events, "events", null, appendSeconds);
        report.note(String.format(Locale.ROOT, "burst: %d events appended in %.1f s (%.0f/s); drained by ours at"
                + " %.0f/s, by the peer at %.0f/s (first commit to last arrival)", trial.events, appendSeconds,
                trial.events / appendSeconds, drainRate(trial, trial.ours), drainRate(trial, trial.peer)));
        if (drainRate(trial, trial.ours) >= 0.9 * trial.events / appendSeconds
                || drainRate(trial, trial.peer) >= 0.9 * trial.events / appendSeconds) {
            report.note("burst: a publisher drained about as fast as the events were appended, so its burst rate is"
                    + " the appender's, a lower bound of its ceiling");
        }
        report(trial, before, after, appendSeconds);
        return trial;
    }

    private void append(CopyManager copy, Trial trial, int events) throws SQLException, IOException {
        List<String> ids = new ArrayList<>(events);
        List<Appended> batch = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String id = UUID.randomUUID().toString();
            Appended event = new Appended(trial);
            ids.add(id);
            batch.add(event);
            // Known before the COPY: a fast publisher's record may arrive before this thread sees the commit return.
            appended.put(id, event);
        }
        SyntheticEventStore.register(copy, run, nextNode, ids);
        long committed = System.nanoTime();
        nextNode += events;
        batch.forEach(event -> event.committedAt = committed);
        if (trial.events == 0) {
            trial.firstCommit = committed;
        }
        trial.lastCommit = committed;
        trial.events += events;
    }

    /** Waits until both publishers delivered the phase's events, or neither delivered more for 15 s. */
    private static void drain(Trial trial) throws InterruptedException {
        long seen = -1;
        long lastGrowth = System.nanoTime();
        while (System.nanoTime() - lastGrowth < TimeUnit.SECONDS.toNanos(15)) {
            long now = trial.ours.delivered.get() + trial.peer.delivered.get();
            if (now >= 2 * trial.events) {
                return;
            }
            if (now > seen) {
                seen = now;
                lastGrowth = System.nanoTime();
            }
            Thread.sleep(50);
        }
    }

    private void report(Trial trial, Own before, Own after, double appendSeconds) {
        long n = Math.max(1, trial.events);
        Map<String, Long> oursCpu = new LinkedHashMap<>();
        oursCpu.put("relay threads", (after.oursThreads() - before.oursThreads()) / 1000 / n);
        oursCpu.put("walsender", (after.oursWalsender() - before.oursWalsender()) / 1000 / n);
        Map<String, Long> peerCpu = new LinkedHashMap<>();
        peerCpu.put("axon-peer JVM", (after.peerJvm() - before.peerJvm()) / 1000 / n);
        peerCpu.put("its backends", (after.peerBackends() - before.peerBackends()) / 1000 / n);
        BenchReport.Row ours = report.add("ours (Debezium relay), " + trial.name, trial.ours.delivered.get(),
                seconds(trial, trial.ours, appendSeconds), "events", trial.ours.latency, oursCpu);
        BenchReport.Row peer = report.add("peer (Axon Kafka extension), " + trial.name, trial.peer.delivered.get(),
                seconds(trial, trial.peer, appendSeconds), "events", trial.peer.latency, peerCpu);
        for (double p : new double[] {50, 99, 99.9}) {
            report.compare(String.format(Locale.ROOT, "commit -> Kafka p%s, %s", p == 99.9 ? "99.9" : (int) p + "",
                    trial.name), "ours", trial.ours.latency.percentileMs(p), "peer", trial.peer.latency.percentileMs(p),
                    "ms");
        }
        // The phase first: plots keep 57 characters of a label, and equal labels would share one bar.
        report.compare("CPU/event, " + trial.name + ", publisher alone + its PostgreSQL backends", "ours",
                StackCpu.stackTotal(ours.cpuPerOp()), "peer", StackCpu.stackTotal(peer.cpuPerOp()), "us");
        report.note(trial.name + ": load average at its end " + Machine.loadAverage());
        if (!keptUp(trial, trial.ours) || !keptUp(trial, trial.peer)) {
            report.note(String.format(Locale.ROOT, "%s: delivered ours %d, peer %d of %d events", trial.name,
                    trial.ours.delivered.get(), trial.peer.delivered.get(), trial.events));
        }
    }

    /** Wall time from the phase's first commit to the publisher's last arrival (at least the append's time). */
    private static double seconds(Trial trial, Side side, double appendSeconds) {
        return Math.max(appendSeconds, (side.lastArrival - trial.firstCommit) / 1e9);
    }

    private static double drainRate(Trial trial, Side side) {
        return side.delivered.get() / Math.max(1e-9, (side.lastArrival - trial.firstCommit) / 1e9);
    }

    private static boolean keptUp(Trial trial, Side side) {
        return side.delivered.get() >= trial.events;
    }

    /** The one consumer of both topics: each record's arrival against its event's commit. */
    private void consume() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(OURS_TOPIC, PEER_TOPIC)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (consuming) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long arrived = System.nanoTime();
                    boolean ours = record.topic().equals(OURS_TOPIC);
                    Header id = record.headers().lastHeader(ours ? CloudEventHeaders.ID
                            : org.axonframework.messaging.Headers.MESSAGE_ID);
                    Appended event = id == null ? null : appended.get(new String(id.value(), StandardCharsets.UTF_8));
                    if (event != null) {
                        Side side = ours ? event.trial.ours : event.trial.peer;
                        // The append's commit returns after the WAL is flushed and a publisher can see it first:
                        // a record that arrives before the commit's return was seen counts as 0, it was not late.
                        side.latency.record(Math.max(0, arrived - event.committedAt));
                        side.delivered.incrementAndGet();
                        side.lastArrival = arrived;
                    }
                }
            }
        }
    }

    private Process startPeer(int batch, int fetchDelay, String confirmation) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-DLUCID_LOG_DIR=" + data.resolve("logs").resolve("axon-peer"),
                "-cp", System.getProperty("java.class.path"),
                AxonKafkaPeer.class.getName(), jdbcUrl, kafka, PEER_TOPIC, Integer.toString(batch),
                Integer.toString(fetchDelay), confirmation);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            lines.add(line);
        }
        if (line == null) {
            throw new IllegalStateException("the Axon Kafka peer did not start: " + String.join("\n", lines));
        }
        // Keep draining its output so it never blocks on a full pipe; its WARNs and errors show in ours.
        Thread echo = new Thread(() -> out.lines().forEach(l -> System.out.println("  [axon-peer] " + l)),
                "axon-peer-output");
        echo.setDaemon(true);
        echo.start();
        return process;
    }

    private static void recreate(Admin admin, int partitions) throws Exception {
        try {
            admin.deleteTopics(List.of(PEER_TOPIC)).all().get();
            Thread.sleep(1000);
        } catch (java.util.concurrent.ExecutionException e) {
            // not there: the usual case
        }
        admin.createTopics(List.of(new NewTopic(PEER_TOPIC, partitions, (short) 1))).all().get();
    }

    /**
     * The devstack JVM's threads that are the relay's: the Debezium engine's and connector's, the relay's
     * {@code event-relay} runner (which runs our publish), and the Kafka clients of the relay (its producer) and of
     * Debezium (its offset store's producer, admin client and log reader). Names from {@code jcmd Thread.print}: the
     * kernel keeps only 15 characters of them, too few to tell the stack's producers apart.
     */
    private static List<String> relayThreads(long pid) throws IOException, InterruptedException {
        Map<String, String> byNid = threadNames(pid);
        List<String> names = new ArrayList<>();
        byNid.forEach((nid, name) -> {
            if (name.contains("debezium") || name.equals("event-relay") || name.contains("lucid-relay")
                    || name.contains(Topics.RELAY_OFFSETS)) {
                names.add(nid + "=" + name);
            }
        });
        return names;
    }

    /** "title: name N ms, ..." of the threads (all, or the listed "tid=name" ones) with their CPU so far. */
    private static String threadCpu(String title, long pid, List<String> only) throws IOException,
            InterruptedException {
        StringBuilder line = new StringBuilder(title).append(':');
        Map<String, String> names = threadNames(pid);
        names.forEach((tid, name) -> {
            if (only == null || only.contains(tid + "=" + name)) {
                long ms = StackCpu.threadNanos(pid, Long.parseLong(tid)) / 1_000_000;
                if (ms >= 100) {
                    line.append(' ').append(name).append(' ').append(ms).append(" ms,");
                }
            }
        });
        return line.substring(0, line.length() - 1);
    }

    private static Map<String, String> threadNames(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        Map<String, String> names = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line : out.lines().toList()) {
                Matcher m = THREAD.matcher(line);
                if (m.find()) {
                    String nid = m.group(2);
                    names.put(Long.toString(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16)
                            : Long.parseLong(nid)), m.group(1));
                }
            }
        }
        process.waitFor();
        return names;
    }

    /** The CPU so far of each publisher alone: our relay's threads and walsender, the peer's JVM and backends. */
    private Own own(Connection db, long devstackPid, long peerPid, List<String> relayThreads) throws SQLException {
        long threads = 0;
        for (String entry : relayThreads) {
            threads += StackCpu.threadNanos(devstackPid, Long.parseLong(entry.substring(0, entry.indexOf('='))));
        }
        long walsender = 0;
        long backends = 0;
        try (Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT pid, application_name, backend_type FROM pg_stat_activity"
                     + " WHERE pid IN (SELECT active_pid FROM pg_replication_slots WHERE slot_name = 'lucid_relay')"
                     + " OR application_name = 'axon-peer'")) {
            while (rows.next()) {
                long cpu = StackCpu.nanos(rows.getLong(1), false);
                if ("axon-peer".equals(rows.getString(2))) {
                    backends += cpu;
                } else {
                    walsender += cpu;
                }
            }
        }
        return new Own(threads, walsender, StackCpu.nanos(peerPid, false), backends);
    }
}
