package io.lucid.registry;

import com.sun.net.httpserver.HttpServer;
import io.lucid.registry.store.InMemoryStore;
import io.lucid.registry.store.KafkaStore;
import io.lucid.registry.store.RegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent Schema Registry REST API (Avro only), on the JDK's HTTP server so
 * that it starts in well under a second, with its state in a compacted Kafka topic.
 *
 * <p>Single writer: run one server per log topic. Two servers on one topic would each assign ids from their own
 * view of the log and could give one id to two schemas; Confluent solves this with leader election, which this
 * registry deliberately leaves out.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
    /** Requests waiting for a worker beyond this make the accepting thread serve them itself: back-pressure. */
    private static final int QUEUE = 1024;

    static {
        // The JDK server writes response headers and body in two segments; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (~40 ms per request). The server reads this once, when first used.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ThreadPoolExecutor workers;
    private final RegistryStore store;
    private final SchemaRegistry registry;
    private final URI uri;

    private RegistryServer(HttpServer http, ThreadPoolExecutor workers, RegistryStore store, SchemaRegistry registry,
            String host) {
        this.http = http;
        this.workers = workers;
        this.store = store;
        this.registry = registry;
        this.uri = URI.create("http://" + (host == null ? "localhost" : host) + ":" + http.getAddress().getPort());
    }

    /** Starts a registry on the Kafka topic of {@code config}, creating the topic if missing. */
    public static RegistryServer start(RegistryConfig config) {
        if (config.kafkaBootstrap() == null || config.kafkaBootstrap().isBlank()) {
            throw new IllegalArgumentException("kafkaBootstrap is required for a registry on Kafka");
        }
        return start(config, new KafkaStore(config.kafkaBootstrap(), config.topic(), config.replicationFactor()));
    }

    /** Starts a registry whose state lives in memory only: for tests. */
    public static RegistryServer startInMemory(int port) {
        return start(new RegistryConfig(port, null), new InMemoryStore());
    }

    /** Starts a registry on the given store (e.g. an {@link InMemoryStore} reopened to test a restart). */
    public static RegistryServer start(RegistryConfig config, RegistryStore store) {
        long started = System.nanoTime();
        SchemaRegistry registry = new SchemaRegistry(store, config.defaultCompatibility());
        ThreadPoolExecutor workers = workers(config.threads());
        try {
            registry.start();
            InetSocketAddress address = config.host() == null
                    ? new InetSocketAddress(config.port()) : new InetSocketAddress(config.host(), config.port());
            HttpServer http = HttpServer.create(address, 0);
            http.createContext("/", new RegistryHandler(new Endpoints(registry).routes()));
            http.setExecutor(workers);
            http.start();
            RegistryServer server = new RegistryServer(http, workers, store, registry, config.host());
            LOG.info("Schema registry listening on {} in {} ms", server.uri(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        } catch (IOException e) {
            workers.shutdownNow();
            store.close();
            throw new UncheckedIOException("Cannot start the schema registry on port " + config.port(), e);
        } catch (RuntimeException e) {
            workers.shutdownNow();
            store.close();
            throw e;
        }
    }

    /** The base URL clients use, e.g. {@code http://localhost:8081}. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The registry behind the HTTP API, for in-process callers. */
    public SchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private static ThreadPoolExecutor workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), factory,
                new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
