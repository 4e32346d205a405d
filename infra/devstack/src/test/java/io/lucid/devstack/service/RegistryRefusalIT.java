package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lucid.devstack.Ports;
import io.lucid.devstack.test.EmbeddedTestStack;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service pointed at a registry that keeps Confluent's default level (BACKWARD) and denies this service's user the
 * right to change it, as a managed registry does for a read-only key: the service does not start. It exits with a
 * message naming the registry, the subject and the level it needs, before it reads or writes anything.
 */
class RegistryRefusalIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aServiceRefusesToStartWhenTheRegistryWillNotKeepBackwardTransitive() throws Exception {
        TestStack stack = TestStacks.get();
        HttpServer registry = forbiddingRegistry(stack.schemaRegistryUrl());
        try {
            Map<String, String> env = StandaloneService.connections(stack, Ports.freePorts(1)[0]);
            env.put("LUCID_SCHEMA_REGISTRY_URL", "http://127.0.0.1:" + registry.getAddress().getPort());
            env.put("LUCID_STREAMS_APPLICATION_PREFIX", "lucid-refusal-it");
            env.put("LUCID_STREAMS_STATE_DIR", EmbeddedTestStack.createTempDir().resolve("streams").toString());
            StandaloneService service = StandaloneService.launch(Services.STREAM_PROCESSORS, env);
            try {
                assertThat(service.awaitExit(Duration.ofSeconds(120))).as("exited: %s", service.logText()).isTrue();
                assertThat(service.exitCode()).isEqualTo(1);
                assertThat(service.logText()).contains("stream-processors cannot start",
                        "did not set compatibility BACKWARD_TRANSITIVE on subject lucid.",
                        "User is denied operation Write", registry.getAddress().getPort() + "");
            } finally {
                service.kill();
            }
        } finally {
            registry.stop(0);
        }
    }

    /** Reads pass through to the stack's registry; the level reads BACKWARD; setting it is denied (403, 40301). */
    private static HttpServer forbiddingRegistry(URI real) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                if (path.startsWith("/config/") && exchange.getRequestMethod().equals("PUT")) {
                    reply(exchange, 403, "{\"error_code\":40301,\"message\":\"User is denied operation Write on Subject\"}");
                } else if (path.startsWith("/config/")) {
                    reply(exchange, 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
                } else {
                    forward(exchange, real);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static void forward(HttpExchange exchange, URI real) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(real.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
