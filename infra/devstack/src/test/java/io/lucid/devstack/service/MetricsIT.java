package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.Ports;
import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.LiveSocket;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.EmbeddedTestStack;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every service's {@code /metrics} after a short load, scraped as Prometheus would: both APIs (HTTP per route and
 * status, Axon command handling, WebSocket, rate-limit refusals) and the three worker services run as processes of
 * their own (relay lag and retained WAL, projection lag and dead letters, Kafka Streams client metrics). The
 * standalone relay takes over the stack's replication slot while the stack's own relay is stopped.
 */
class MetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyServiceServesTheMetricsItsDashboardReads() throws Exception {
        TestStack stack = TestStacks.get();
        int[] ports = Ports.freePorts(3);
        Map<String, Process> processes = new HashMap<>();
        Map<String, Path> logs = new HashMap<>();
        stack.stop("relay");
        try {
            Map<String, String> relay = connections(stack, ports[0]);
            start(Services.RELAY, relay, processes, logs);
            Map<String, String> projections = connections(stack, ports[1]);
            projections.put("LUCID_READ_SCHEMA", "metrics_it");
            projections.put("LUCID_PROJECTIONS_GROUP_PREFIX", "lucid-metrics-it");
            projections.put("LUCID_PROJECTIONS", "nodes");
            start(Services.PROJECTIONS, projections, processes, logs);
            Map<String, String> streams = connections(stack, ports[2]);
            streams.put("LUCID_STREAMS_APPLICATION_PREFIX", "lucid-metrics-it");
            streams.put("LUCID_STREAMS_STATE_DIR", EmbeddedTestStack.createTempDir().resolve("streams").toString());
            start(Services.STREAM_PROCESSORS, streams, processes, logs);
            for (int i = 0; i < 3; i++) {
                awaitStatus(ports[i], "/health/readiness", 200, processes.get(Services.NAMES.get(i)), logs.get(Services.NAMES.get(i)));
            }

            String nodeId = load(stack);

            String command = scrape(stack.commandApi().resolve("/metrics"));
            assertThat(command).contains(
                    "http_server_requests_seconds_bucket{", "uri=\"/api/v1/nodes\"", "status=\"201\"", "status=\"400\"",
                    "commandBus", "lucid_rate_limit_refusals_total{limit=");
            String query = scrape(stack.queryApi().resolve("/metrics"));
            assertThat(query).contains("http_server_requests_seconds_count{", "status=\"200\"",
                    "lucid_ws_connections ", "lucid_ws_subscriptions ", "lucid_ws_frames_coalesced_total ",
                    "lucid_ws_frames_dropped_total ");

            awaitMetric(ports[0], "lucid_relay_lag_events 0.0");
            String relayMetrics = scrape(URI.create("http://127.0.0.1:" + ports[0] + "/metrics"));
            assertThat(relayMetrics).contains("lucid_relay_running 1.0", "lucid_relay_lag_seconds ",
                    "lucid_relay_slot_retained_wal_bytes ", "jvm_memory_used_bytes");
            assertThat(relayMetrics).doesNotContain("lucid_relay_slot_retained_wal_bytes NaN");

            awaitMetric(ports[1], "lucid_projection_applied_total{projection=\"nodes\"}");
            String projectionMetrics = scrape(URI.create("http://127.0.0.1:" + ports[1] + "/metrics"));
            assertThat(projectionMetrics).contains("lucid_projection_lag_records{projection=\"nodes\"}",
                    "lucid_projection_dead_letters_total{projection=\"nodes\"}", "lucid_projection_running{projection=\"nodes\"} 1.0");

            String streamsMetrics = scrape(URI.create("http://127.0.0.1:" + ports[2] + "/metrics"));
            assertThat(streamsMetrics).contains("lucid_streams_running{application=", "lucid_streams_lag_records{application=",
                    "kafka_stream_", "kafka_consumer_");
            assertThat(nodeId).isNotEmpty();
            assertDashboardReadsOnlyScrapedMetrics(command + query + relayMetrics + projectionMetrics + streamsMetrics);
        } finally {
            for (Process process : processes.values()) {
                process.destroy();
            }
            for (Process process : processes.values()) {
                process.waitFor(40, TimeUnit.SECONDS);
            }
            stack.start("relay");
        }
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            // A fresh projection or stream processor replays the shared stack's whole history, which other test
            // classes poisoned on purpose: those records are dead-lettered with a WARN by design. All else is quiet.
            String quiet = Files.readAllLines(log.getValue()).stream()
                    .filter(line -> !line.contains(" DeadLetterSink - ") && !line.contains(" DeadLetterHandler - "))
                    .collect(Collectors.joining("\n"));
            assertThat(quiet).as(log.getKey()).doesNotContain(" WARN ", " ERROR ");
        }
    }

    /** Every metric the Grafana dashboard queries is one a service serves: the dashboard cannot drift. */
    private static void assertDashboardReadsOnlyScrapedMetrics(String scraped) throws IOException {
        Path dashboard = Path.of("").toAbsolutePath().getParent().resolve("deploy/grafana/lucid-backbone.json");
        java.util.regex.Matcher expr = java.util.regex.Pattern.compile("\"expr\": \"(.*)\"").matcher(Files.readString(dashboard));
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (expr.find()) {
            java.util.regex.Matcher metric = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\{").matcher(expr.group(1));
            while (metric.find()) {
                names.add(metric.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThan(15);
        for (String name : names) {
            assertThat(scraped).as("the dashboard's %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    /** Registrations (201), a malformed one (400), views read, a WebSocket subscription and rate-limit refusals. */
    private String load(TestStack stack) throws Exception {
        ApiClient api = new ApiClient(stack);
        Tokens tokens = new Tokens(stack);
        Nodes nodes = new Nodes(stack, api);
        String nodeId = null;
        for (int i = 0; i < 5; i++) {
            nodeId = nodes.register("node_metrics_", new NodeKeys());
        }
        assertThat(api.post("/api/v1/nodes", "{", tokens.of("ADMIN", "it-admin")).status()).isEqualTo(400);
        // Completing one pairing far beyond its limit: refused with 429 before anything is looked up.
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(api.post("/api/v1/pairings/pairing_metrics/complete", "{}", null).status());
        }
        assertThat(statuses).contains(429);
        String admin = tokens.of("ADMIN", "it-admin");
        for (int i = 0; i < 3; i++) {
            http.send(HttpRequest.newBuilder(stack.queryApi().resolve("/api/v1/nodes/" + nodeId))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        LiveSocket socket = LiveSocket.open(http, stack.queryApi());
        socket.send("{\"type\":\"auth\",\"token\":\"" + admin + "\"}");
        socket.nextOfType("auth_success", 10);
        socket.send("{\"type\":\"subscribe\",\"channel\":\"node:" + nodeId + "\"}");
        socket.next(10);
        String withSocket = scrape(stack.queryApi().resolve("/metrics"));
        socket.close();
        assertThat(withSocket).containsPattern("(?m)^lucid_ws_connections [1-9]").containsPattern("(?m)^lucid_ws_subscriptions [1-9]");
        return nodeId;
    }

    private void start(String service, Map<String, String> env, Map<String, Process> processes, Map<String, Path> logs)
            throws IOException {
        Path log = Files.createTempFile(EmbeddedTestStack.createTempDir(), service, ".log");
        logs.put(service, log);
        processes.put(service, launch(service, env, log));
    }

    private static Map<String, String> connections(TestStack stack, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("LUCID_DB_URL", stack.jdbcUrl());
        env.put("LUCID_DB_USER", stack.dbUser());
        env.put("LUCID_DB_PASSWORD", stack.dbPassword());
        env.put("LUCID_KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
        env.put("LUCID_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl().toString());
        env.put("LUCID_SERVICE_PORT", String.valueOf(port));
        return env;
    }

    private static Process launch(String service, Map<String, String> env, Path log) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/classpath.txt")).trim();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", classpath, ServiceMain.class.getName(), service));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("LUCID_LOG_DIR", log.getParent().toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private void awaitStatus(int port, String path, int status, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited: %s", Files.readString(log)).isTrue();
            try {
                if (get(URI.create("http://127.0.0.1:" + port + path)).statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + TIMEOUT + ": " + Files.readString(log));
    }

    private void awaitMetric(int port, String sample) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = scrape(URI.create("http://127.0.0.1:" + port + "/metrics"));
            if (last.contains(sample)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(sample + " not scraped within " + TIMEOUT + ":\n" + last);
    }

    private String scrape(URI uri) throws Exception {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
