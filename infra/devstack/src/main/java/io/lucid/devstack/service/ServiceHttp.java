package io.lucid.devstack.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP face of a worker service: {@code GET /health/liveness} and {@code GET /health/readiness} (200 or 503 with
 * a JSON {@code {"status","detail"}}), {@code GET /health} (both), and {@code GET /metrics} in the Prometheus text
 * format from Micrometer's Prometheus registry: the JVM's meters from the start, the service's own
 * ({@link Service#bindMetrics}) once it runs. Anything else is a 404; only GET is served.
 */
public final class ServiceHttp implements AutoCloseable {

    private final HttpServer server;

    private ServiceHttp(HttpServer server) {
        this.server = server;
    }

    /** The registry of one process, and which service's meters are in it already. */
    private static final class Meters {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        private Service bound;

        Meters() {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }

        synchronized String scrape(Service service) {
            if (service != bound) {
                bound = service;
                service.bindMetrics(registry);
            }
            return registry.scrape();
        }
    }

    /** Serves {@code service} on {@code host:port} (port 0 picks a free one, see {@link #port()}). */
    public static ServiceHttp start(Supplier<Service> service, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        Meters meters = new Meters();
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "lucid-service-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, service.get(), meters);
            }
        });
        server.start();
        return new ServiceHttp(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void route(HttpExchange exchange, Service service, Meters meters) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "application/json", "{\"status\":\"METHOD_NOT_ALLOWED\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (service == null && !path.equals("/health/liveness")) {
            send(exchange, 503, "application/json", "{\"status\":\"DOWN\",\"detail\":\"starting\"}");
            return;
        }
        switch (path) {
            case "/health/liveness" -> health(exchange, service == null || service.isLive(), "process");
            case "/health/readiness", "/health" -> {
                Service.Health readiness = service.readiness();
                health(exchange, service.isLive() && readiness.ready(), readiness.detail());
            }
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", meters.scrape(service));
            default -> send(exchange, 404, "application/json", "{\"status\":\"NOT_FOUND\"}");
        }
    }

    private static void health(HttpExchange exchange, boolean up, String detail) throws IOException {
        send(exchange, up ? 200 : 503, "application/json",
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
