package io.lucid.devstack.bench;

import io.lucid.devstack.KafkaBroker;
import io.lucid.devstack.PidFiles;
import io.lucid.devstack.StackConfig;
import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.StorageAvailability;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.poot.UptimeBeacon;
import io.lucid.events.poot.ValidationSignature;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.StreamProcessors;
import io.lucid.streams.StreamProcessorsConfig;
import io.lucid.streams.StreamsSettings;
import io.lucid.streams.poot.PootClock;
import io.lucid.streams.poot.PootSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Benchmark (not a test) of the PoOT topology on a real broker: proofs per second from a pre-filled
 * {@code lucid.poot.events} to scores visible on {@code lucid.poot.scores} (read_committed), and the latency of live
 * proofs through it, for several processing guarantees, commit intervals and thread counts.
 *
 * <p>Starts a forked single-node broker (the embedded stack's {@link KafkaBroker}; or uses
 * {@code LUCID_KAFKA_BOOTSTRAP}) and an in-memory schema registry, pre-fills {@code proofs} proofs of {@code nodes}
 * nodes (each node proves relay, storage, validation and uptime in every slot), then for each scenario runs the
 * {@code poot} application under a fresh application id over the whole topic, and afterwards feeds it live proofs
 * at {@code rate} per second for 15 s. Time base: 10 s slots, 30-slot (5 min) epochs, 7-epoch window, 300 s grace:
 * the default pre-fill spans 100 slots, so it closes two epochs of all nodes on the way.
 *
 * <p>Arguments: {@code [proofs=400000] [nodes=1000]
 * [scenarios=~eos:100:1,eos:100:1,eos:250:1,eos:1000:1,alos:100:1,eos:100:2] [rate=1000]}; a scenario is
 * {@code guarantee:commit interval ms:threads}, and one prefixed with {@code ~} only warms the JVM up. Besides
 * proofs per second it prints the CPU time one proof costs the stream threads and the broker, a figure that holds on
 * a machine shared with other work, where wall-clock rates do not.
 */
public final class StreamsThroughputBenchmark {

    private static final String REGISTRY = "mock://streams-benchmark";
    private static final PootSettings POOT = PootSettings.of(Instant.parse("2024-01-01T00:00:00Z"),
            Duration.ofSeconds(10), 30, 7, Duration.ofSeconds(300));
    private static final PootClock CLOCK = new PootClock(POOT);
    private static final Duration LIVE = Duration.ofSeconds(15);

    private StreamsThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int proofs = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<String> scenarios = List.of((args.length > 2 ? args[2]
                : "~eos:100:1,eos:100:1,eos:250:1,eos:1000:1,alos:100:1,eos:100:2").split(","));
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        Path dir = Files.createTempDirectory("lucid-streams-bench-");
        KafkaBroker broker = null;
        String bootstrap = System.getenv("LUCID_KAFKA_BOOTSTRAP");
        try {
            if (bootstrap == null || bootstrap.isBlank()) {
                KafkaBroker forked = new KafkaBroker(StackConfig.forTests(dir), new PidFiles(dir.resolve("run")));
                broker = forked;
                Runtime.getRuntime().addShutdownHook(new Thread(forked::stop, "benchmark-broker-stop"));
                long t = System.nanoTime();
                broker.start();
                bootstrap = broker.bootstrap();
                System.out.printf("broker ready in %.1f s at %s%n", (System.nanoTime() - t) / 1e9, bootstrap);
            }
            TopicProvisioner.ensure(bootstrap, Topics.all());
            prefill(bootstrap, proofs, nodes);
            List<String> rows = new ArrayList<>();
            long brokerPid = broker == null ? -1 : broker.pid();
            for (String scenario : scenarios) {
                // A scenario written ~eos:100:1 warms the JVM up (JIT) and is left out of the table.
                String row = run(bootstrap, dir, scenario.replace("~", ""), rate, brokerPid);
                if (!scenario.startsWith("~")) {
                    rows.add(row);
                }
            }
            System.out.println();
            System.out.println("| guarantee | commit interval | threads | proofs | proofs/s (scores visible) | CPU per proof"
                    + " (stream threads / broker) | last tally after | live p50 | live p99 | late | duplicates |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        } finally {
            if (broker != null) {
                broker.stop();
            }
            deleteQuietly(dir);
        }
    }

    /** Proofs in slot order, every node proving all four types per slot, submitted within the slot. */
    private static void prefill(String bootstrap, int proofs, int nodes) {
        int slots = Math.max(1, proofs / (4 * nodes));
        long firstSlot = CLOCK.slotAt(System.currentTimeMillis()) - slots - 3;
        long started = System.nanoTime();
        int sent = 0;
        try (KafkaProducer<String, SpecificRecord> producer = producer(bootstrap)) {
            for (long slot = firstSlot; slot < firstSlot + slots && sent < proofs; slot++) {
                for (int n = 0; n < nodes && sent < proofs; n++) {
                    long at = CLOCK.slotStart(slot) + (n * 7L) % POOT.slotLength().toMillis();
                    for (ProofType type : List.of(ProofType.relay_bandwidth, ProofType.storage_availability,
                            ProofType.validation_signature, ProofType.uptime_beacon)) {
                        TaskProofSubmitted proof = proof(nodeId(n), slot, type, n, at);
                        producer.send(new ProducerRecord<>(Topics.POOT_EVENTS.name(), null, at, proof.getProofId(), proof));
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        System.out.printf("pre-filled %,d proofs of %,d nodes over %d slots in %.1f s%n", sent, nodes, slots,
                (System.nanoTime() - started) / 1e9);
    }

    private static String run(String bootstrap, Path dir, String scenario, int rate, long brokerPid) throws Exception {
        String[] parts = scenario.split(":");
        String guarantee = parts[0].equals("eos") ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE;
        Duration commit = Duration.ofMillis(Long.parseLong(parts[1]));
        int threads = Integer.parseInt(parts[2]);
        String prefix = "bench-" + scenario.replace(':', '-') + "-" + System.currentTimeMillis();
        StreamProcessorsConfig base = StreamProcessorsConfig.of(bootstrap, REGISTRY)
                .withApplicationPrefix(prefix).withStateDir(dir.resolve("state").toString())
                .withProcessing(guarantee, commit).withSettings(StreamsSettings.defaults().withPoot(POOT));
        StreamProcessorsConfig config = new StreamProcessorsConfig(base.bootstrapServers(), base.schemaRegistryUrl(),
                base.applicationPrefix(), base.stateDir(), base.processingGuarantee(), base.commitInterval(), threads,
                base.settings());
        long input = endOffsets(bootstrap, Topics.POOT_EVENTS.name()).values().stream().mapToLong(Long::longValue).sum();
        CpuMeter cpu = new CpuMeter(brokerPid);
        try (ScoreCounter scores = new ScoreCounter(bootstrap, Topics.POOT_SCORES.name());
             ScoreCounter tallies = new ScoreCounter(bootstrap, Topics.POOT_TALLIES.name())) {
            long started = System.nanoTime();
            try (StreamProcessors processors = StreamProcessors.start(config, List.of("poot"))) {
                double startup = (System.nanoTime() - started) / 1e9;
                cpu.start();
                Result throughput = scores.awaitCount(input, Duration.ofMinutes(10), processors);
                CpuMeter.Usage used = cpu.stop();
                double tallyDone = tallies.awaitQuiet(Duration.ofSeconds(3)) - started / 1e9;
                System.out.printf("  %,d tally records%n", tallies.count);
                List<Long> latencies = live(bootstrap, scores, rate);
                Collections.sort(latencies);
                System.out.printf("  per 1,000 proofs: %.0f fetch requests, %.0f produce requests%n",
                        1000 * metric(processors, "fetch-total", "consumer-fetch-manager-metrics") / input,
                        1000 * metric(processors, "request-total", "producer-metrics") / input);
                double late = metric(processors, "late-proofs-total");
                double duplicates = metric(processors, "duplicate-proofs-total");
                System.out.printf("%s: start %.1f s, %,d scores in %.2f s after the first = %,.0f proofs/s; CPU per"
                                + " proof: stream threads %.1f us, broker %.1f us%n", scenario, startup,
                        throughput.count(), throughput.seconds(), throughput.rate(),
                        used.streamThreadsNanos() / 1e3 / input, used.brokerNanos() / 1e3 / input);
                return String.format("| %s | %d ms | %d | %,d | %,.0f | %.0f / %.0f us | %.1f s | %d ms | %d ms | %.0f | %.0f |",
                        guarantee, commit.toMillis(), threads, input, throughput.rate(),
                        used.streamThreadsNanos() / 1e3 / input, used.brokerNanos() / 1e3 / input, tallyDone,
                        percentile(latencies, 50), percentile(latencies, 99), late, duplicates);
            }
        }
    }

    /** Live proofs at {@code rate} per second, each submitted now: latency = when its score is read - submission. */
    private static List<Long> live(String bootstrap, ScoreCounter scores, int rate) throws InterruptedException {
        long start = System.currentTimeMillis();
        scores.trackLatencyFrom(start);
        int n = 0;
        try (KafkaProducer<String, SpecificRecord> producer = producer(bootstrap, 0)) {
            while (System.currentTimeMillis() - start < LIVE.toMillis()) {
                long now = System.currentTimeMillis();
                long slot = CLOCK.slotAt(now);
                // A node of its own per live proof: proof ids stay unique however many fall into one slot.
                TaskProofSubmitted proof = proof(String.format("node_live_%d_%07d", start, n), slot,
                        ProofType.validation_signature, n, now);
                producer.send(new ProducerRecord<>(Topics.POOT_EVENTS.name(), null, now, proof.getProofId(), proof));
                n++;
                long due = start + (long) n * 1000 / rate;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        }
        Thread.sleep(3_000);
        return scores.latencies();
    }

    private static TaskProofSubmitted proof(String node, long slot, ProofType type, int n, long at) {
        TaskProofSubmitted.Builder b = TaskProofSubmitted.newBuilder().setProofId(node + ":" + slot + ":" + type.name())
                .setNodeId(node).setSlot(slot).setEpoch(CLOCK.epochOfSlot(slot)).setProofType(type)
                .setSignature("bWVhc3VyZW1lbnQtb25seS1ub3QtYS1yZWFsLXNpZ25hdHVyZS1vZi1hbi1lZDI1NTE5LWtleQ==")
                .setSubmittedAt(Instant.ofEpochMilli(at));
        switch (type) {
            case relay_bandwidth -> b.setRelayBandwidth(new RelayBandwidth((n * 31L + slot % 97) * 100_000L, 1L + n % 3));
            case storage_availability -> b.setStorageAvailability(new StorageAvailability((long) (n % 50), (n + 1) * 100_000_000L));
            case validation_signature -> b.setValidationSignature(new ValidationSignature((long) (n % 5)));
            default -> b.setUptimeBeacon(new UptimeBeacon(POOT.slotSeconds()));
        }
        return b.build();
    }

    private static String nodeId(int n) {
        return String.format("node_bench_%05d", n);
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap) {
        return producer(bootstrap, 20);
    }

    private static KafkaProducer<String, SpecificRecord> producer(String bootstrap, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        return new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerde<SpecificRecord>(SchemaRegistryClient.connect(REGISTRY)).serializer());
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(specs).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static double metric(StreamProcessors processors, String name) {
        return metric(processors, name, null);
    }

    /** The sum of a metric over every task, processor and client of the applications (of one group, if given). */
    private static double metric(StreamProcessors processors, String name, String group) {
        double sum = 0;
        for (var streams : processors.applications()) {
            for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
                if (m.getKey().name().equals(name) && (group == null || m.getKey().group().equals(group))
                        && m.getValue().metricValue() instanceof Number v) {
                    sum += v.doubleValue();
                }
            }
        }
        return sum;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private record Result(long count, double seconds) {
        double rate() {
            return seconds <= 0 ? 0 : count / seconds;
        }
    }

    /**
     * Reads a topic from its current end with read_committed isolation (what a downstream consumer sees) and counts
     * records; records whose timestamp is after the live phase's start also give a latency sample.
     */
    private static final class ScoreCounter implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<Long> latencies = new ArrayList<>();
        private Thread reader;
        private long liveFrom = Long.MAX_VALUE;
        private long count;
        private long lastRecordNanos;

        ScoreCounter(String bootstrap, String topic) throws Exception {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic);
            consumer.assign(ends.keySet());
            ends.forEach(consumer::seek);
        }

        /** Waits for {@code expected} records; the rate is measured from the first record seen to the last. */
        Result awaitCount(long expected, Duration timeout, StreamProcessors processors) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long first = -1;
            long before = 0;
            long skipped = 0;
            long nextReport = System.nanoTime();
            // Late and redelivered proofs give no score: they count as done.
            while (count + skipped < expected && System.nanoTime() < deadline && processors.isRunning()) {
                int n = poll();
                if (first < 0 && n > 0) {
                    first = System.nanoTime();
                    before = count;
                }
                if (System.nanoTime() >= nextReport) {
                    skipped = (long) (metric(processors, "late-proofs-total") + metric(processors, "duplicate-proofs-total"));
                    System.out.printf("  %,d scores, %,d late or repeated%n", count, skipped);
                    nextReport = System.nanoTime() + 5_000_000_000L;
                }
            }
            if (count + skipped < expected) {
                System.out.printf("  only %,d of %,d records within %s%n", count, expected, timeout);
            }
            return new Result(count - before, first < 0 ? 0 : (lastRecordNanos - first) / 1e9);
        }

        /** Reads until nothing arrives for {@code quiet}; returns when the last record arrived (seconds, nano clock). */
        double awaitQuiet(Duration quiet) {
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < quiet.toNanos()) {
                if (poll() > 0) {
                    idleSince = System.nanoTime();
                }
            }
            return count == 0 ? Double.NaN : lastRecordNanos / 1e9;
        }

        /** From now on a background thread reads, so that latencies are taken as records become visible. */
        void trackLatencyFrom(long epochMillis) {
            liveFrom = epochMillis;
            Thread reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (this) {
                        poll();
                    }
                }
            }, "score-reader");
            reader.setDaemon(true);
            reader.start();
            this.reader = reader;
        }

        synchronized List<Long> latencies() {
            reader.interrupt();
            return new ArrayList<>(latencies);
        }

        private int poll() {
            var records = consumer.poll(Duration.ofMillis(50));
            long now = System.currentTimeMillis();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                count++;
                if (record.timestamp() >= liveFrom) {
                    latencies.add(now - record.timestamp());
                }
            }
            if (!records.isEmpty()) {
                lastRecordNanos = System.nanoTime();
            }
            return records.count();
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.interrupt();
                try {
                    reader.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                consumer.close();
            }
        }
    }

    /**
     * CPU time used while the stream threads catch up, so that a figure taken on a busy machine still says what a
     * proof costs: the stream threads of this JVM (by thread name) and the forked broker (from /proc).
     */
    private static final class CpuMeter {
        record Usage(long streamThreadsNanos, long brokerNanos) {
        }

        private final long brokerPid;
        private long threads0;
        private long broker0;

        CpuMeter(long brokerPid) {
            this.brokerPid = brokerPid;
        }

        void start() {
            threads0 = streamThreads();
            broker0 = broker();
        }

        Usage stop() {
            return new Usage(streamThreads() - threads0, broker() - broker0);
        }

        private static long streamThreads() {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains("StreamThread")) {
                    sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
                }
            }
            return sum;
        }

        /** utime + stime of the broker process, in nanoseconds (clock ticks of 10 ms). */
        private long broker() {
            if (brokerPid < 0) {
                return 0;
            }
            return StackCpu.nanos(brokerPid, false);
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
