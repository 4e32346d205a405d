package io.lucid.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.projections.ReadModel;
import io.lucid.projections.ReadModels;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A full blue/green rebuild of every projection against the stack of {@code ./lucid up}, next to Kafka's own
 * consumer perf tool over the same topics in the same run. Not a test: it prints figures.
 * <ol>
 *   <li>tops {@code lucid.node.events} up with synthetic registrations until the projections' topics hold at least
 *   {@code events} records, and waits for the live projections to apply them;</li>
 *   <li>runs {@code org.apache.kafka.tools.ConsumerPerformance} (a forked JVM on the broker's classpath) over each
 *   source topic: the raw consumer rate, the ceiling;</li>
 *   <li>asks query-api for a rebuild of all projections and times it: to the end of the catch-up (state compared,
 *   which includes the fenced comparison), and the comparison's outcome;</li>
 *   <li>drops the rebuild.</li>
 * </ol>
 * Usage: {@code ./lucid bench replay [events]} (default 1,000,000).
 */
public final class ReplayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandLoad load = new CommandLoad();
    private final URI query = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082"));
    private final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LUCID_PG_PORT", "5433") + "/lucid");
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final String registry = System.getenv().getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String admin;

    private ReplayBenchmark() throws java.io.IOException {
        admin = load.token("ADMIN", "bench-replay", null);
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        new ReplayBenchmark().run(events);
        System.exit(0);
    }

    private void run(int events) throws Exception {
        System.out.printf("replay benchmark, load average %s%n", CommandLoad.load());
        Set<String> topics = new LinkedHashSet<>();
        for (ReadModel model : ReadModels.all()) {
            model.sources().forEach(topic -> topics.add(topic.name()));
        }
        long held = records(topics);
        if (held < events) {
            long start = System.nanoTime();
            String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
            SyntheticNodes.append(kafka, registry, run, (int) (events - held));
            System.out.printf("appended %d synthetic registrations to %s in %.1f s%n", events - held,
                    Topics.NODE_EVENTS.name(), (System.nanoTime() - start) / 1e9);
        }
        long total = records(topics);
        long liveStart = System.nanoTime();
        while (liveApplied() < total) {
            Thread.sleep(500);
        }
        System.out.printf("the live projections hold all %d records of their %d topics (%.1f s after the fill)%n",
                total, topics.size(), (System.nanoTime() - liveStart) / 1e9);

        long rawRecords = 0;
        double rawSeconds = 0;
        for (String topic : topics) {
            long[] measured = consumerPerformance(topic);
            rawRecords += measured[0];
            rawSeconds += measured[1] / 1000.0;
        }
        System.out.printf("ConsumerPerformance over the same topics: %d records in %.2f s = %.0f records/s%n",
                rawRecords, rawSeconds, rawRecords / rawSeconds);

        long before = System.nanoTime();
        HttpResponse<String> started = send("POST", "/api/v1/admin/replays", "{}");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + started.statusCode() + " " + started.body());
        }
        long id = JSON.readTree(started.body()).path("id").asLong();
        JsonNode replay;
        long caughtUpAt = 0;
        while (true) {
            replay = JSON.readTree(send("GET", "/api/v1/admin/replays/" + id, null).body());
            JsonNode progress = replay.path("progress");
            if (caughtUpAt == 0 && progress.path("events_total").asLong() > 0
                    && progress.path("events_done").asLong() >= progress.path("events_total").asLong()) {
                caughtUpAt = System.nanoTime();
            }
            String state = replay.path("state").asText();
            if (state.equals("compared") || state.equals("failed")) {
                break;
            }
            Thread.sleep(250);
        }
        long comparedAt = System.nanoTime();
        if (caughtUpAt == 0) {
            caughtUpAt = comparedAt;
        }
        long done = replay.path("progress").path("events_done").asLong();
        double rebuildSeconds = (caughtUpAt - before) / 1e9;
        System.out.printf("full rebuild of %d projections: %d events in %.1f s = %.0f events/s (%.2fx the raw"
                        + " consumer); state %s, comparison %s after %.1f s more%n",
                replay.path("projections").size(), done, rebuildSeconds, done / rebuildSeconds,
                (done / rebuildSeconds) / (rawRecords / rawSeconds), replay.path("state").asText(),
                replay.path("comparison").path("equal").asBoolean() ? "EQUAL" : "DIFFERENT",
                (comparedAt - caughtUpAt) / 1e9);
        System.out.printf("load average at the end: %s%n", CommandLoad.load());
        send("DELETE", "/api/v1/admin/replays/" + id, null);
    }

    /** Records on the topics (end offsets, committed reads). */
    private long records(Set<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Records of the node topic the live nodes projection has passed (the one the fill grows). */
    private long liveApplied() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement select = connection.prepareStatement("SELECT coalesce(sum(next_offset), 0)"
                     + " FROM read.consumer_offset WHERE projection = 'nodes' AND topic = ?")) {
            select.setString(1, Topics.NODE_EVENTS.name());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long nodes = rows.getLong(1);
                return nodes + records(otherTopics());
            }
        }
    }

    private Set<String> otherTopics() {
        Set<String> other = new LinkedHashSet<>();
        for (ReadModel model : ReadModels.all()) {
            for (Topic<String, ? extends SpecificRecord> topic : model.sources()) {
                if (!topic.equals(Topics.NODE_EVENTS)) {
                    other.add(topic.name());
                }
            }
        }
        return other;
    }

    /** Runs Kafka's consumer perf tool over a topic; returns {records, milliseconds}. */
    private long[] consumerPerformance(String topic) throws Exception {
        long messages = records(Set.of(topic));
        return messages == 0 ? new long[] {0, 0} : KafkaTools.consumerPerformance(kafka, topic, messages);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve(path)).header("Authorization", "Bearer " + admin)
                .timeout(Duration.ofMinutes(1));
        request.header("Content-Type", "application/json").method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
