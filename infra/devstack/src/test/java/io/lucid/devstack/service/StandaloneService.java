package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.test.EmbeddedTestStack;
import io.lucid.devstack.test.TestStack;
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

/**
 * A worker service run by an IT as a process of its own ({@link ServiceMain} with a service name), configured by
 * environment variables only, as in production, against the shared test stack; its output goes to a log file of its
 * own that the test can read.
 */
public final class StandaloneService implements AutoCloseable {

    /** A fresh worker replays the shared stack's whole history before it is ready: generous on a loaded machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Process process;
    private final Path log;

    private StandaloneService(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The settings that point a service at the stack, serving health and metrics on {@code port}. */
    public static Map<String, String> connections(TestStack stack, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("LUCID_DB_URL", stack.jdbcUrl());
        env.put("LUCID_DB_USER", stack.dbUser());
        env.put("LUCID_DB_PASSWORD", stack.dbPassword());
        env.put("LUCID_KAFKA_BOOTSTRAP", stack.kafkaBootstrap());
        env.put("LUCID_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl().toString());
        env.put("LUCID_SERVICE_PORT", String.valueOf(port));
        return env;
    }

    /** Starts {@code service} with exactly {@code env} (built on {@link #connections}) as its environment. */
    public static StandaloneService launch(String service, Map<String, String> env) throws IOException {
        Path log = Files.createTempFile(EmbeddedTestStack.createTempDir(), service, ".log");
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
        return new StandaloneService(Integer.parseInt(env.get("LUCID_SERVICE_PORT")), builder.start(), log);
    }

    /** Waits until {@code path} answers {@code status}; fails at once, quoting the log, if the process exits. */
    public void awaitStatus(String path, int status) throws Exception {
        awaitStatus(path, status, READY_TIMEOUT);
    }

    /** As {@link #awaitStatus(String, int)}, for up to {@code timeout}; a timeout quotes the last answer too. */
    public void awaitStatus(String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited: %s", logText()).isTrue();
            try {
                HttpResponse<String> answer = get(path);
                if (answer.statusCode() == status) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + timeout + " (last answer: " + last
                + "): " + logText());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path log() {
        return log;
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGTERM, as an orchestrator does; see {@link #awaitExit}. */
    public void stop() {
        process.destroy();
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit code, once the process has exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL, as a crash or the OOM killer does: nothing is flushed, no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then up to 40 s for the graceful stop. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitExit(Duration.ofSeconds(40));
    }
}
