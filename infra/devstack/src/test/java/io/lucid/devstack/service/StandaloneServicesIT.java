package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.Ports;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker services as processes of their own ({@link ServiceMain}), configured by environment variables only,
 * against the shared test stack: readiness turns true once caught up, metrics name each projection, SIGTERM stops
 * them gracefully, and a relay still waiting for its replication slot is live but not ready.
 */
class StandaloneServicesIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void projectionsRunStandaloneReportLagAndStopOnSigterm() throws Exception {
        TestStack stack = TestStacks.get();
        int port = Ports.freePorts(1)[0];
        Map<String, String> env = connections(stack, port);
        // A schema and consumer groups of its own: the stack's projections keep theirs.
        env.put("LUCID_READ_SCHEMA", "standalone_it");
        env.put("LUCID_PROJECTIONS_GROUP_PREFIX", "lucid-standalone-it");
        env.put("LUCID_PROJECTIONS", "nodes,pools");
        Path log = Files.createTempFile(EmbeddedTestStack.createTempDir(), "projections", ".log");
        Process process = launch(Services.PROJECTIONS, env, log);
        try {
            awaitStatus(port, "/health/readiness", 200, process, log);
            assertThat(get(port, "/health/liveness").statusCode()).isEqualTo(200);
            String metrics = get(port, "/metrics").body();
            assertThat(metrics).contains("lucid_projection_lag_records{projection=\"nodes\"}",
                    "lucid_projection_records_total{projection=\"pools\"}", "lucid_projection_running{projection=\"nodes\"} 1.0");
        } finally {
            process.destroy(); // SIGTERM
        }
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("stopped within 40 s of SIGTERM").isTrue();
        assertThat(Files.readString(log)).contains("stopping projections").doesNotContain(" ERROR ");
    }

    @Test
    void aRelayWaitingForItsSlotIsLiveButNotReady() throws Exception {
        TestStack stack = TestStacks.get();
        int port = Ports.freePorts(1)[0];
        Map<String, String> env = connections(stack, port);
        env.put("LUCID_RELAY_SLOT", "no_such_slot");
        Path log = Files.createTempFile(EmbeddedTestStack.createTempDir(), "relay", ".log");
        Process process = launch(Services.RELAY, env, log);
        try {
            awaitStatus(port, "/health/liveness", 200, process, log);
            HttpResponse<String> readiness = get(port, "/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("starting");
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
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
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited: %s", Files.readString(log)).isTrue();
            try {
                if (get(port, path).statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + READY_TIMEOUT + ": " + Files.readString(log));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
