package io.lucid.devstack.bench;

import io.lucid.projections.ProjectionConfig;
import io.lucid.projections.ProjectionService;
import io.lucid.projections.ReadModel;
import io.lucid.projections.ReadModels;
import io.lucid.schemas.position.Position;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The query side against the stack of {@code ./lucid up} (run on a fresh stack: it adds nodes). Not a test: it
 * prints figures, each next to a ceiling measured in the same run.
 * <ol>
 *   <li>GET /nodes/{id} at a fixed rate (open loop), next to the same row read straight over JDBC at that rate;</li>
 *   <li>a filtered list page at a fixed rate, next to its SQL over JDBC;</li>
 *   <li>command 201 -> read-your-writes answer: lifecycle commands at a fixed rate, each read back with its position;</li>
 *   <li>catch-up: synthetic registrations are appended to {@code lucid.node.events}; a plain consumer reads the topic
 *   end to end, then each read model replays its topics into a scratch schema: events/s of each against the raw
 *   consumer rate.</li>
 * </ol>
 * Usage: {@code ./lucid bench query [nodes] [get_rate] [list_rate] [ryw_rate] [catchup_events]}.
 */
public final class QueryBenchmark {

    private static final int SECONDS = 10;

    private final CommandLoad load = new CommandLoad();
    private final URI query = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082"));
    private final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL", "jdbc:postgresql://127.0.0.1:5433/lucid");
    private final String dbUser = System.getenv().getOrDefault("LUCID_DB_USER", "postgres");
    private final String dbPassword = System.getenv().getOrDefault("LUCID_DB_PASSWORD", "");
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final String registry = System.getenv().getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String reader;

    private QueryBenchmark() throws IOException {
        reader = load.token("AUDITOR", "bench-reader", null);
    }

    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 2000);
        int getRate = arg(args, 1, 2000);
        int listRate = arg(args, 2, 500);
        int rywRate = arg(args, 3, 500);
        int catchup = arg(args, 4, 100_000);
        new QueryBenchmark().run(nodes, getRate, listRate, rywRate, catchup);
        System.exit(0);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private void run(int count, int getRate, int listRate, int rywRate, int catchup) throws Exception {
        System.out.printf("query benchmark, load average %s%n", CommandLoad.load());
        List<CommandLoad.BenchNode> nodes = load.registerNodes("qb", count);
        String last = nodes.get(nodes.size() - 1).nodeId();
        long waitStart = System.nanoTime();
        while (get("/api/v1/nodes/" + last, Map.of()).statusCode() != 200) {
            Thread.sleep(50);
        }
        System.out.printf("registered %d nodes; the last one readable %.0f ms after its 201%n", count,
                (System.nanoTime() - waitStart) / 1e6);
        List<String> ids = nodes.stream().map(CommandLoad.BenchNode::nodeId).toList();

        // Warm-up: both paths, not timed.
        OpenLoop.run(getRate, getRate * 2, 32, i -> getById(ids));
        OpenLoop.run(getRate, getRate * 2, 32, i -> jdbcById(ids));

        OpenLoop.Result rest = OpenLoop.run(getRate, getRate * SECONDS, 32, i -> getById(ids));
        OpenLoop.Result jdbc = OpenLoop.run(getRate, getRate * SECONDS, 32, i -> jdbcById(ids));
        System.out.printf("GET /nodes/{id} at %d/s: %s%n", getRate, rest.summary());
        System.out.printf("  ceiling, the same row over JDBC at %d/s: %s%n", getRate, jdbc.summary());

        OpenLoop.Result list = OpenLoop.run(listRate, listRate * SECONDS, 32,
                i -> status(get("/api/v1/nodes?status=INACTIVE&tier=high_performance&limit=20", Map.of())));
        OpenLoop.Result listJdbc = OpenLoop.run(listRate, listRate * SECONDS, 32, i -> jdbcList());
        System.out.printf("GET /nodes?status&tier&limit=20 at %d/s: %s%n", listRate, list.summary());
        System.out.printf("  ceiling, its SQL over JDBC at %d/s: %s%n", listRate, listJdbc.summary());

        readYourWrites(nodes, rywRate);
        catchUp(catchup);
    }

    /** Lifecycle commands at a fixed rate; each answer's position is read back at once. */
    private void readYourWrites(List<CommandLoad.BenchNode> nodes, int rate) throws Exception {
        int requests = rate * SECONDS;
        long[] afterCreated = new long[requests];
        // One operator per node: rate limits count per principal, and this measures latency, not the limiter.
        List<String> operators = nodes.stream().map(n -> load.token("OPERATOR", "bench-op-" + n.nodeId(), null)).toList();
        OpenLoop.Result commands = OpenLoop.run(rate, requests, 64, i -> {
            CommandLoad.BenchNode node = nodes.get(i % nodes.size());
            String operator = operators.get(i % nodes.size());
            boolean activate = (i / nodes.size()) % 2 == 0;
            HttpResponse<String> answer = post("/api/v1/nodes/" + node.nodeId() + (activate ? "/activate" : "/deactivate"),
                    operator);
            long created = System.nanoTime();
            if (answer.statusCode() != 200 && answer.statusCode() != 201) {
                return "command " + answer.statusCode() + " " + answer.body();
            }
            String position = answer.headers().firstValue(Position.HEADER).orElse(null);
            if (position == null) {
                return "no position";
            }
            HttpResponse<String> read = get("/api/v1/nodes/" + node.nodeId(), Map.of(Position.HEADER, position));
            afterCreated[i] = System.nanoTime() - created;
            String expected = activate ? "\"status\":\"ACTIVE\"" : "\"status\":\"INACTIVE\"";
            return read.statusCode() == 200 && read.body().contains(expected) ? null
                    : "stale read " + read.statusCode() + " " + read.body();
        });
        java.util.Arrays.sort(afterCreated);
        System.out.printf("read-your-writes at %d commands/s: command + read %s%n", rate, commands.summary());
        System.out.printf("  201 -> read-your-writes answer: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(afterCreated, 50), percentile(afterCreated, 99), percentile(afterCreated, 100));
    }

    /** Appends synthetic registrations, then times a raw consumer and each read model's replay over its topics. */
    private void catchUp(int events) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        long produceStart = System.nanoTime();
        try (SyntheticNodeEvents producer = new SyntheticNodeEvents(kafka, registry, 10)) {
            for (int i = 0; i < events; i++) {
                producer.registered("node_cu" + run + "_" + i, "cu-" + run + "-" + i);
            }
        }
        System.out.printf("appended %d synthetic registrations to %s in %.1f s%n", events, Topics.NODE_EVENTS.name(),
                (System.nanoTime() - produceStart) / 1e9);

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
        long rawStart = System.nanoTime();
        long read = rawConsume(ends);
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        System.out.printf("raw consumer, %s end to end: %d records in %.2f s = %.0f records/s%n",
                Topics.NODE_EVENTS.name(), read, rawSeconds, read / rawSeconds);

        ProjectionConfig live = ProjectionConfig.of(jdbcUrl, dbUser, dbPassword, kafka, registry);
        for (ReadModel model : ReadModels.all()) {
            Map<TopicPartition, Long> target = stored("read", model.name());
            long records = target.values().stream().mapToLong(Long::longValue).sum();
            String schema = "bench_" + model.name() + "_" + run;
            long start = System.nanoTime();
            try (ProjectionService replay = ProjectionService.start(live.withSchema(schema, "lucid-bench-" + run)
                    .only(List.of(model.name())))) {
                // Done when it has read as far as the live projection, which caught up before (transactional
                // topics end with commit markers, so end offsets are never "reached" by stored next offsets).
                while (!atLeast(stored(schema, model.name()), target)) {
                    Thread.sleep(20);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("catch-up of read model %-9s %8d records in %6.2f s = %7.0f events/s (raw consumer "
                        + "%.0f records/s: %.2fx)%n", model.name(), records, seconds, records / seconds,
                        read / rawSeconds, (records / seconds) / (read / rawSeconds));
            } finally {
                try (Connection connection = connection(); Statement drop = connection.createStatement()) {
                    drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        System.out.printf("(%d records on %s at the start of the catch-up runs)%n", total, Topics.NODE_EVENTS.name());
    }

    /** The next offsets a projection stored in {@code schema}; empty while the schema is being migrated. */
    private Map<TopicPartition, Long> stored(String schema, String projection) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection connection = connection(); PreparedStatement select = connection.prepareStatement(
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
        return target.entrySet().stream().allMatch(e -> e.getValue() == 0 || offsets.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private long rawConsume(Map<TopicPartition, Long> ends) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long count = 0;
            while (ends.keySet().stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                count += records.count();
            }
            return count;
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

    private String getById(List<String> ids) {
        return status(get("/api/v1/nodes/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), Map.of()));
    }

    private static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

    private String jdbcById(List<String> ids) {
        return jdbc("SELECT body::text FROM read.view_row WHERE view = 'node' AND id = ? AND NOT deleted",
                ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
    }

    private String jdbcList() {
        return jdbc("SELECT id, version, body::text, id FROM read.view_row WHERE view = 'node' AND NOT deleted"
                + " AND (body ->> 'status') = ? AND (body ->> 'tier') = 'high_performance' ORDER BY id ASC LIMIT 21",
                "INACTIVE");
    }

    private String jdbc(String sql, String parameter) {
        try {
            Connection connection = CONNECTIONS.get();
            if (connection == null) {
                connection = connection();
                CONNECTIONS.set(connection);
            }
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + reader);
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    private HttpResponse<String> post(String path, String token) {
        return send(HttpRequest.newBuilder(load.command.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
