package io.lucid.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of the audit and replay work against the stack of {@code ./lucid up} (use one you can throw away: it
 * writes a million synthetic node events), each beside a ceiling measured in the same run. Not a test: it prints.
 * <ol>
 *   <li>{@code load}: tops the event store up to {@code events} rows with synthetic node histories written by
 *   {@code COPY} ({@link SyntheticEventStore}: a registration and nine status changes per node, chained), waits for the
 *   relay to publish them to {@code lucid.node.events} and for the live projections to apply them;</li>
 *   <li>{@code rebuild}: Kafka's {@code ConsumerPerformance} (a forked JVM on the broker's classpath) over each source
 *   topic of the projections, then a rebuild of all projections through query-api, timed to the end of its catch-up,
 *   with the CPU per event of the stack's processes;</li>
 *   <li>{@code verify}: a plain JDBC scan of {@code domain_event_entry} in the verifier's order, then
 *   {@code verify?source=store}; {@code ConsumerPerformance} over the domain topics, then {@code verify?source=topics};</li>
 *   <li>{@code export}: a plain JDBC scan in store order, then the NDJSON export of every event;</li>
 *   <li>{@code chain}: the chain's cost per command ({@link ChainCost}).</li>
 * </ol>
 * Usage: {@code ./lucid bench replay [events=1000000] [phases=load,rebuild,verify,export,chain; verify-store, verify-topics for one half] [chain-runs=3]
 * [chain-nodes=500]}.
 */
public final class ReplayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandLoad load = new CommandLoad();
    private final URI query = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082"));
    private final StoreGrowth store = new StoreGrowth();
    private final String registry = System.getenv().getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String admin;
    private final String auditor;

    private ReplayBenchmark() throws java.io.IOException {
        admin = load.token("ADMIN", "bench-replay", null);
        auditor = load.token("AUDITOR", "bench-replay", null);
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Set<String> phases = Set.of((args.length > 1 ? args[1] : "load,rebuild,verify,export,chain").split(","));
        int chainRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int chainNodes = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        ReplayBenchmark bench = new ReplayBenchmark();
        System.out.printf("replay and audit benchmark, load average %s%n", CommandLoad.load());
        if (phases.contains("load")) {
            bench.store.topUp(events);
        }
        if (phases.contains("rebuild")) {
            bench.rebuild();
        }
        if (phases.contains("verify") || phases.contains("verify-store")) {
            bench.verifyStore();
        }
        if (phases.contains("verify") || phases.contains("verify-topics")) {
            bench.verifyTopics();
        }
        if (phases.contains("export")) {
            bench.export();
        }
        if (phases.contains("chain")) {
            bench.chain(chainRuns, chainNodes);
        }
        System.out.printf("load average at the end: %s%n", CommandLoad.load());
        BenchReport.exit(0);
    }

    /** The topics the relay publishes the event store to (what {@code verify --topics} reads). */
    private static Set<String> domainTopics() {
        Set<String> topics = new LinkedHashSet<>();
        for (String type : List.of("Pairing", "Session", "RdpServer", "Node", "TaskProof", "Payout")) {
            topics.add(Topics.forAggregateType(type).name());
        }
        return topics;
    }

    private void rebuild() throws Exception {
        // The node topic holds the load; the streams' output topics are written in transactions, so their end
        // offsets count commit markers that ConsumerPerformance waits for in vain (its --messages).
        long[] raw = consumerPerformance(Set.of(Topics.NODE_EVENTS.name()));
        System.out.printf("rebuild ceiling: ConsumerPerformance over %s (%d of the %d records of the projections'"
                        + " topics): %d records in %.2f s = %.0f records/s%n", Topics.NODE_EVENTS.name(), raw[0],
                store.records(StoreGrowth.projectionTopics()), raw[0], raw[1] / 1000.0, raw[0] * 1000.0 / raw[1]);

        Map<String, Duration> cpuBefore = StackCpu.read(load.data);
        long before = System.nanoTime();
        HttpResponse<String> started = send("POST", "/api/v1/admin/replays", "{}", admin, Duration.ofMinutes(1));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + started.statusCode() + " " + started.body());
        }
        long id = JSON.readTree(started.body()).path("id").asLong();
        JsonNode replay;
        long caughtUpAt = 0;
        Map<String, Duration> cpuCaughtUp = null;
        while (true) {
            replay = JSON.readTree(send("GET", "/api/v1/admin/replays/" + id, null, admin, Duration.ofMinutes(1))
                    .body());
            JsonNode progress = replay.path("progress");
            if (caughtUpAt == 0 && progress.path("events_total").asLong() > 0
                    && progress.path("events_done").asLong() >= progress.path("events_total").asLong()) {
                caughtUpAt = System.nanoTime();
                cpuCaughtUp = StackCpu.read(load.data);
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
            cpuCaughtUp = StackCpu.read(load.data);
        }
        long done = replay.path("progress").path("events_done").asLong();
        double rebuildSeconds = (caughtUpAt - before) / 1e9;
        System.out.printf("rebuild: %d projections, %d events in %.1f s = %.0f events/s (%.3fx the raw consumer);"
                        + " state %s, comparison %s after %.1f s more%n",
                replay.path("projections").size(), done, rebuildSeconds, done / rebuildSeconds,
                (done / rebuildSeconds) / (raw[0] * 1000.0 / raw[1]), replay.path("state").asText(),
                replay.path("comparison").path("equal").asBoolean() ? "EQUAL" : "DIFFERENT",
                (comparedAt - caughtUpAt) / 1e9);
        System.out.printf("rebuild: %s (load %s)%n", StackCpu.line(cpuBefore, cpuCaughtUp, done, "event"),
                CommandLoad.load());
        send("DELETE", "/api/v1/admin/replays/" + id, null, admin, Duration.ofMinutes(1));
    }

    private void verifyStore() throws Exception {
        long[] scan = jdbcScan("aggregate_identifier, sequence_number");
        System.out.printf("verify store ceiling: JDBC scan of domain_event_entry in the verifier's order and columns:"
                + " %d rows in %.1f s = %.0f rows/s%n", scan[0], scan[1] / 1e9, scan[0] * 1e9 / scan[1]);
        audit("store");
    }

    private void verifyTopics() throws Exception {
        Set<String> topics = new LinkedHashSet<>();
        for (String topic : domainTopics()) {
            if (store.records(Set.of(topic)) > 0) {
                topics.add(topic);
            }
        }
        long[] raw = consumerPerformance(topics);
        System.out.printf("verify topics ceiling: ConsumerPerformance over the %d non-empty domain topics: %d records"
                + " in %.2f s = %.0f records/s%n", topics.size(), raw[0], raw[1] / 1000.0, raw[0] * 1000.0 / raw[1]);
        audit("topics");
    }

    private void audit(String source) throws Exception {
        Map<String, Duration> cpuBefore = StackCpu.read(load.data);
        long start = System.nanoTime();
        HttpResponse<String> answer = send("GET", "/api/v1/audit/verify?source=" + source, null, auditor,
                Duration.ofMinutes(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Duration> cpuAfter = StackCpu.read(load.data);
        JsonNode report = JSON.readTree(answer.body());
        long events = report.path("events").asLong();
        System.out.printf("verify %s: %s, %d events in %d aggregates, %d broken, in %.1f s = %.0f events/s%n", source,
                report.path("ok").asBoolean() ? "OK" : "BROKEN (" + answer.statusCode() + ")", events,
                report.path("aggregates").asLong(), report.path("broken_aggregates").asLong(), seconds,
                events / seconds);
        System.out.printf("verify %s: %s (load %s)%n", source, StackCpu.line(cpuBefore, cpuAfter, events, "event"),
                CommandLoad.load());
    }

    private void export() throws Exception {
        long[] scan = jdbcScan("global_index");
        System.out.printf("export ceiling: JDBC scan of domain_event_entry in store order: %d rows in %.1f s ="
                + " %.0f rows/s%n", scan[0], scan[1] / 1e9, scan[0] * 1e9 / scan[1]);
        Map<String, Duration> cpuBefore = StackCpu.read(load.data);
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(query.resolve("/api/v1/audit/events"))
                .header("Authorization", "Bearer " + auditor).timeout(Duration.ofMinutes(60)).GET().build();
        HttpResponse<java.io.InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (java.io.InputStream body = answer.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Duration> cpuAfter = StackCpu.read(load.data);
        System.out.printf("export: status %d, %d NDJSON lines (%.0f MB) in %.1f s = %.0f events/s%n",
                answer.statusCode(), lines, bytes / 1e6, seconds, lines / seconds);
        System.out.printf("export: %s (load %s)%n", StackCpu.line(cpuBefore, cpuAfter, lines, "event"),
                CommandLoad.load());
    }

    private void chain(int runs, int nodes) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LUCID_DB_URL", store.jdbcUrl);
        env.put("LUCID_DB_USER", "postgres");
        env.put("LUCID_DB_PASSWORD", "");
        env.put("LUCID_KAFKA_BOOTSTRAP", store.kafka);
        env.put("LUCID_SCHEMA_REGISTRY_URL", registry);
        env.put("LUCID_JWT_SECRET", load.secret);
        System.out.printf("chain: %d runs of each variant, %d nodes x 4 commands per run, 8 workers%n", runs, nodes);
        Map<String, ChainCost.Figures> medians = ChainCost.medians(new ChainCost(load, env).run(runs, nodes, 8));
        ChainCost.Figures on = medians.get("on");
        ChainCost.Figures off = medians.get("off");
        for (ChainCost.Figures f : medians.values()) {
            System.out.printf("chain %s, medians: command-api %.0f us + PostgreSQL %.0f us = %.0f us CPU per command;"
                    + " p50 %.2f ms, p99 %.2f ms, %.0f commands/s%n", f.variant(), f.commandApiUs(), f.postgresUs(),
                    f.commandApiUs() + f.postgresUs(), f.p50Ms(), f.p99Ms(), f.rate());
        }
        double cpuOn = on.commandApiUs() + on.postgresUs();
        double cpuOff = off.commandApiUs() + off.postgresUs();
        System.out.printf("chain overhead: CPU per command %+.1f %% (command-api %+.1f %%, PostgreSQL %+.1f %%);"
                        + " p50 %+.1f %%, p99 %+.1f %%%n", 100 * (cpuOn / cpuOff - 1),
                100 * (on.commandApiUs() / off.commandApiUs() - 1), 100 * (on.postgresUs() / off.postgresUs() - 1),
                100 * (on.p50Ms() / off.p50Ms() - 1), 100 * (on.p99Ms() / off.p99Ms() - 1));
    }

    /** Reads every row with the verifier's columns in {@code order}; returns {rows, nanoseconds}. */
    private long[] jdbcScan(String order) throws SQLException {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT global_index, event_identifier, type,"
                    + " aggregate_identifier, sequence_number, payload_type, time_stamp, meta_data, payload, prev_hash,"
                    + " hash FROM domain_event_entry ORDER BY " + order)) {
                select.setFetchSize(500);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        result.getString(2);
                        result.getString(4);
                        result.getBytes(8);
                        result.getBytes(9);
                        result.getBytes(11);
                        rows++;
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            connection.rollback();
            return new long[] {rows, nanos};
        }
    }

    /** Records on the topics (end offsets, committed reads). */
    /** Records of the node topic the live nodes projection has passed (the one the fill grows). */
    /** Kafka's consumer perf tool over each topic in turn; returns {records, fetch milliseconds} summed. */
    private long[] consumerPerformance(Set<String> topics) throws Exception {
        long records = 0;
        long millis = 0;
        for (String topic : topics) {
            long[] one = consumerPerformance(topic);
            records += one[0];
            millis += one[1];
        }
        return new long[] {records, millis};
    }

    /** Runs Kafka's consumer perf tool over a topic; returns {records, milliseconds}. */
    private long[] consumerPerformance(String topic) throws Exception {
        long messages = store.records(Set.of(topic));
        return messages == 0 ? new long[] {0, 0} : KafkaTools.consumerPerformance(store.kafka, topic, messages);
    }

    private HttpResponse<String> send(String method, String path, String body, String token, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve(path))
                .header("Authorization", "Bearer " + token).timeout(timeout);
        request.header("Content-Type", "application/json").method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
