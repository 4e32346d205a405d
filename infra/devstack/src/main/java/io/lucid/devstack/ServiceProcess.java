package io.lucid.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Micronaut service (command-api, query-api) in its own JVM, built from its module's {@code target/classes} and
 * {@code target/classpath.txt}. Ready when {@code GET /health} answers 200.
 */
public final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    // Generous: a forked API starts in 10-20 s on a quiet machine, but several minutes when the cores are shared.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServiceSpec spec;
    private final StackConfig config;
    private final PidFiles pidFiles;
    private volatile ForkedProcess process;

    public ServiceProcess(ServiceSpec spec, StackConfig config, PidFiles pidFiles) {
        this.spec = spec;
        this.config = config;
        this.pidFiles = pidFiles;
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Launches the service with the stack's variables plus its own, and waits for its health check. */
    public void start(StackEnvironment env) {
        Map<String, String> variables = new LinkedHashMap<>(env.serviceVariables());
        variables.putAll(spec.extraEnv());
        variables.putAll(spec.derivedEnv().apply(env));
        variables.put(spec.portVariable(), String.valueOf(spec.port()));
        String classpath = spec.classesDir() + java.io.File.pathSeparator + readClasspath();
        Path logFile = config.dataDir().resolve("logs").resolve(spec.name() + ".log");
        process = ForkedProcess.start(spec.name(),
                ForkedProcess.javaCommand(config.serviceJvmOptions(), PidFiles.marker(config.dataDir()), classpath,
                        spec.mainClass(), List.of()),
                variables, logFile, pidFiles);
        awaitHealthy();
        process.markReady();
    }

    public void stop() {
        ForkedProcess p = process;
        if (p != null) {
            p.stop(STOP_GRACE);
        }
    }

    private String readClasspath() {
        try {
            return Files.readString(spec.classpathFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new StackException(spec.name() + " is not built (" + spec.classpathFile() + " is missing)");
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.port() + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                log.error("{} exited; last lines of {}:{}{}", spec.name(), process.logFile(),
                        System.lineSeparator(), process.tail(15));
                throw new StackException(spec.name() + " exited with code " + exitCode() + " before it was ready"
                        + " (see " + process.logFile() + ")");
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + spec.name(), e);
            }
            sleep();
        }
        throw new StackException(spec.name() + " did not answer GET /health with 200 within "
                + READY_TIMEOUT.toSeconds() + " s (see " + process.logFile() + ")");
    }

    private String exitCode() {
        try {
            process.waitFor(Duration.ofSeconds(1));
            return String.valueOf(process.exitValue());
        } catch (InterruptedException | IllegalThreadStateException e) {
            return "?";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for a service", e);
        }
    }
}
