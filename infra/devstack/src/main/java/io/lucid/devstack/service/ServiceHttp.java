package io.lucid.devstack.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP face of a worker service: {@code GET /health/liveness} and {@code GET /health/readiness} (200 or 503 with
 * a JSON {@code {"status","detail"}}), {@code GET /health} (both), and {@code GET /metrics} in the Prometheus text
 * format. Anything else is a 404; only GET is served.
 */
public final class ServiceHttp implements AutoCloseable {

    private final HttpServer server;

    private ServiceHttp(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code service} on {@code host:port} (port 0 picks a free one, see {@link #port()}). */
    public static ServiceHttp start(Supplier<Service> service, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "lucid-service-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, service.get());
            }
        });
        server.start();
        return new ServiceHttp(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void route(HttpExchange exchange, Service service) throws IOException {
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
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus(service.metrics()));
            default -> send(exchange, 404, "application/json", "{\"status\":\"NOT_FOUND\"}");
        }
    }

    private static void health(HttpExchange exchange, boolean up, String detail) throws IOException {
        send(exchange, up ? 200 : 503, "application/json",
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    /** The samples in the text exposition format, one {@code # TYPE} line per metric name. */
    static String prometheus(Map<String, Double> samples) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (Map.Entry<String, Double> sample : new java.util.TreeMap<>(samples).entrySet()) {
            String name = sample.getKey().replaceFirst("\\{.*$", "");
            if (!name.equals(previous)) {
                out.append("# TYPE ").append(name).append(name.endsWith("_total") ? " counter" : " gauge").append('\n');
                previous = name;
            }
            out.append(sample.getKey()).append(' ').append(sample.getValue()).append('\n');
        }
        return out.toString();
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
