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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every service's {@code /metrics} after a short load, scraped as Prometheus would: both APIs (HTTP per route and
 * status, Axon command handling, WebSocket, rate-limit refusals) and the three worker services run as processes of
 * their own (relay lag and retained WAL, projection lag and dead letters, Kafka Streams client metrics). The
 * standalone relay takes over the stack's replication slot while the stack's own relay is stopped.
 */
class MetricsIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyServiceServesTheMetricsItsDashboardReads() throws Exception {
        TestStack stack = TestStacks.get();
        int[] ports = Ports.freePorts(3);
        Map<String, StandaloneService> services = new LinkedHashMap<>();
        stack.stop("relay");
        try {
            services.put(Services.RELAY, StandaloneService.launch(Services.RELAY,
                    StandaloneService.connections(stack, ports[0])));
            Map<String, String> projections = StandaloneService.connections(stack, ports[1]);
            projections.put("LUCID_READ_SCHEMA", "metrics_it");
            projections.put("LUCID_PROJECTIONS_GROUP_PREFIX", "lucid-metrics-it");
            projections.put("LUCID_PROJECTIONS", "nodes");
            services.put(Services.PROJECTIONS, StandaloneService.launch(Services.PROJECTIONS, projections));
            Map<String, String> streams = StandaloneService.connections(stack, ports[2]);
            streams.put("LUCID_STREAMS_APPLICATION_PREFIX", "lucid-metrics-it");
            streams.put("LUCID_STREAMS_STATE_DIR", EmbeddedTestStack.createTempDir().resolve("streams").toString());
            services.put(Services.STREAM_PROCESSORS, StandaloneService.launch(Services.STREAM_PROCESSORS, streams));
            for (StandaloneService service : services.values()) {
                service.awaitStatus("/health/readiness", 200);
            }
            StandaloneService relay = services.get(Services.RELAY);
            StandaloneService projection = services.get(Services.PROJECTIONS);
            StandaloneService streamProcessors = services.get(Services.STREAM_PROCESSORS);

            String nodeId = load(stack);

            String command = scrape(stack.commandApi().resolve("/metrics"));
            assertThat(command).contains(
                    "http_server_requests_seconds_bucket{", "uri=\"/api/v1/nodes\"", "status=\"201\"",
                    "commandBus", "lucid_rate_limit_refusals_total{limit=");
            // Answers given by filters before any controller runs are timed too: the strict JSON reader's 400, the
            // token check's 401 and the rate limit's 429.
            assertThat(command).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\"[^}]*uri=\"/api/v1/nodes\"")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"429\"");
            String query = scrape(stack.queryApi().resolve("/metrics"));
            assertThat(query).contains("http_server_requests_seconds_count{", "status=\"200\"",
                    "lucid_ws_connections ", "lucid_ws_subscriptions ", "lucid_ws_frames_coalesced_total ",
                    "lucid_ws_frames_dropped_total ");

            awaitMetric(relay, "lucid_relay_lag_events 0.0");
            String relayMetrics = scrape(relay.uri("/metrics"));
            assertThat(relayMetrics).contains("lucid_relay_running 1.0", "lucid_relay_lag_seconds ",
                    "lucid_relay_slot_retained_wal_bytes ", "jvm_memory_used_bytes");
            assertThat(relayMetrics).doesNotContain("lucid_relay_slot_retained_wal_bytes NaN");

            awaitMetric(projection, "lucid_projection_applied_total{projection=\"nodes\"}");
            String projectionMetrics = scrape(projection.uri("/metrics"));
            assertThat(projectionMetrics).contains("lucid_projection_lag_records{projection=\"nodes\"}",
                    "lucid_projection_dead_letters_total{projection=\"nodes\"}", "lucid_projection_running{projection=\"nodes\"} 1.0");

            String streamsMetrics = scrape(streamProcessors.uri("/metrics"));
            assertThat(streamsMetrics).contains("lucid_streams_running{application=", "lucid_streams_lag_records{application=",
                    "kafka_stream_", "kafka_consumer_");
            assertThat(nodeId).isNotEmpty();
            assertDashboardReadsOnlyScrapedMetrics(command + query + relayMetrics + projectionMetrics + streamsMetrics);
        } finally {
            for (StandaloneService service : services.values()) {
                service.stop();
            }
            for (StandaloneService service : services.values()) {
                service.awaitExit(Duration.ofSeconds(40));
            }
            stack.start("relay");
        }
        for (Map.Entry<String, StandaloneService> service : services.entrySet()) {
            // A fresh projection or stream processor replays the shared stack's whole history, which other test
            // classes poisoned on purpose: those records are dead-lettered with a WARN by design. All else is quiet.
            String quiet = Files.readAllLines(service.getValue().log()).stream()
                    .filter(line -> !line.contains(" DeadLetterSink - ") && !line.contains(" DeadLetterHandler - "))
                    .collect(Collectors.joining("\n"));
            assertThat(quiet).as(service.getKey()).doesNotContain(" WARN ", " ERROR ");
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
        assertThat(api.post("/api/v1/nodes", "{}", "not-a-token").status()).isEqualTo(401);
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

    private void awaitMetric(StandaloneService service, String sample) throws Exception {
        long deadline = System.nanoTime() + StandaloneService.READY_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = scrape(service.uri("/metrics"));
            if (last.contains(sample)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(sample + " not scraped within " + StandaloneService.READY_TIMEOUT + ":\n" + last);
    }

    private String scrape(URI uri) throws Exception {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        // Generous: a stream processor replaying the shared history on a loaded 2-core machine was seen to need more
        // than 10 s to render its several hundred Kafka Streams client metrics.
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
