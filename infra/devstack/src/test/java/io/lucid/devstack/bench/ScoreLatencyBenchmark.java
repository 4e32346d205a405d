package io.lucid.devstack.bench;

import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroDeserializer;
import io.lucid.schemas.topic.Topics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Benchmark (not a test) of the whole PoOT path on a running stack ({@code ./lucid up}): signed proofs are posted
 * to {@code POST /api/v1/poot/proofs} at a fixed rate while a {@code read_committed} consumer of
 * {@code lucid.poot.scores} waits for the score each one produces. Prints the latency from the 201 (the proof is
 * stored) to its score being readable: event store, relay, {@code lucid.poot.events}, intake, ledger, exactly-once
 * commit. Arguments: {@code [proofs=4000] [rate per second=200]}. Run: {@code ./lucid bench score-latency}.
 *
 * <p>Each node sends its four proof types for the current slot, in DOMAIN.md's order, a quarter of the run apart;
 * the nodes are new, so the k-th proof of a node is the one whose score says {@code proof_count = k}.
 */
public final class ScoreLatencyBenchmark {

    private ScoreLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        CommandLoad load = new CommandLoad();
        List<CommandLoad.BenchNode> nodes = load.registerNodes("s", (count + 3) / 4);
        List<String> proofs = CommandLoad.proofs(nodes, 1).subList(0, count);
        System.out.printf("load average before: %s%n", CommandLoad.load());

        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> scored = new ConcurrentHashMap<>();
        CountDownLatch allScored = new CountDownLatch(count);
        AtomicBoolean reading = new AtomicBoolean(true);
        CountDownLatch positioned = new CountDownLatch(1);
        String ours = "node_s" + load.run + "_";
        Thread reader = new Thread(() -> readScores(ours, positioned, reading, scored, allScored), "scores-reader");
        reader.start();
        positioned.await();

        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(count);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long t0 = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            CommandLoad.BenchNode node = nodes.get(i % nodes.size());
            String key = node.nodeId() + "#" + (i / nodes.size() + 1);
            HttpRequest request = HttpRequest.newBuilder(load.command.resolve("/api/v1/poot/proofs"))
                    .header("Authorization", "Bearer " + node.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(proofs.get(i))).build();
            sent.put(key, System.nanoTime());
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 201) {
                    accepted.put(key, System.nanoTime());
                } else {
                    refused.incrementAndGet();
                    allScored.countDown();
                }
                answered.countDown();
            });
        }, 0, TimeUnit.SECONDS.toNanos(1) / rate, TimeUnit.NANOSECONDS);
        answered.await();
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        pacer.shutdown();
        boolean complete = allScored.await(120, TimeUnit.SECONDS);
        reading.set(false);
        reader.join();

        List<Long> latencies = Arrivals.latencies(accepted, scored);
        List<Long> endToEnd = Arrivals.latencies(sent, scored);
        System.out.printf("proofs: %d sent in %.1f s (%.0f/s), %d accepted, %d refused, %d scores matched%s%n",
                count, sendSeconds, count / sendSeconds, accepted.size(), refused.get(), latencies.size(),
                complete ? "" : " (timed out waiting for the rest)");
        System.out.printf("proof 201 -> score readable (read_committed): %s%n", Arrivals.summary(latencies));
        System.out.printf("proof sent -> score readable (read_committed): %s%n", Arrivals.summary(endToEnd));
        System.out.printf("load average after: %s%n", CommandLoad.load());
        System.exit(latencies.size() == count ? 0 : 1);
    }

    /** Records when each (node, proof_count) score becomes readable, from the topic's end at the start. */
    private static void readScores(String nodePrefix, CountDownLatch positioned, AtomicBoolean reading, Map<String, Long> scored,
            CountDownLatch allScored) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
                "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092")));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        String registry = "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081");
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(SchemaRegistryClient.connect(registry)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.POOT_SCORES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                    long now = System.nanoTime();
                    if (record.key().startsWith(nodePrefix) && record.value() instanceof NodeScoreUpdated score
                            && scored.putIfAbsent(record.key() + "#" + score.getProofCount(), now) == null) {
                        allScored.countDown();
                    }
                });
            }
        }
    }
}
