package io.lucid.devstack.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.devstack.test.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a client of query-api does in the read-side integration tests: GETs with a bearer token (and optional
 * headers), answers read as JSON with their entity tag; list walks that follow {@code next_cursor} to the end; and
 * polling until an eventually consistent view shows what a command did. Thread-safe.
 */
public final class QueryClient {

    /** How long a projection may take to show a write. */
    public static final Duration PROPAGATION = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public QueryClient(TestStack stack) {
        this.base = stack.queryApi();
    }

    /** An answer: status, raw body, the body as JSON (null when it is not JSON) and the ETag header. */
    public record Reply(int status, String body, String contentType, JsonNode json, String etag) {

        public String code() {
            return json == null ? null : json.path("code").asText(null);
        }

        /** The field the first field error names, as a 400 {@code invalid_parameter} carries it. */
        public String errorField() {
            return json == null ? null : json.path("errors").path(0).path("field").asText(null);
        }

        public List<JsonNode> items() {
            List<JsonNode> items = new ArrayList<>();
            json.path("items").forEach(items::add);
            return items;
        }

        public String nextCursor() {
            JsonNode cursor = json.path("next_cursor");
            return cursor.isNull() || cursor.isMissingNode() ? null : cursor.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String pathAndQuery, String token) {
        return get(pathAndQuery, token, Map.of());
    }

    public Reply get(String pathAndQuery, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET()
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), parse(response.body()),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET whose request target is sent byte for byte as given, over a plain socket: {@link java.net.URI} refuses
     * malformed percent-encoding, which is exactly what some tests must send.
     */
    public Reply rawGet(String target, String token) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            String response = bytes.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Reply(status, body, type, parse(body), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code path} until the answer satisfies {@code condition}; returns that answer. */
    public Reply awaitReply(String path, String token, Predicate<Reply> condition) {
        Reply[] last = new Reply[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = get(path, token);
            assertThat(condition.test(last[0])).as("GET %s -> %s", path, last[0]).isTrue();
        });
        return last[0];
    }

    /** Polls an entity until it is served (200) and its body satisfies {@code condition}. */
    public JsonNode awaitEntity(String path, String token, Predicate<JsonNode> condition) {
        return awaitReply(path, token, r -> r.status() == 200 && condition.test(r.json())).json();
    }

    /** The pages of a list from the first to the one without {@code next_cursor}, each checked to be a 200. */
    public List<Reply> walk(String path, String query, String token) {
        List<Reply> pages = new ArrayList<>();
        String cursor = null;
        do {
            String separator = query.isEmpty() ? "" : "&";
            String url = path + "?" + query + (cursor == null ? "" : separator + "cursor=" + cursor);
            Reply page = get(url, token);
            assertThat(page.status()).as("GET %s -> %s", url, page).isEqualTo(200);
            pages.add(page);
            cursor = page.nextCursor();
            assertThat(pages.size()).as("pages of %s", path).isLessThan(10_000);
        } while (cursor != null);
        return pages;
    }

    /** Every item of every page of a list, in order. */
    public List<JsonNode> all(String path, String query, String token) {
        List<JsonNode> items = new ArrayList<>();
        walk(path, query, token).forEach(page -> items.addAll(page.items()));
        return items;
    }

    /** The values of one text field of some items. */
    public static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.path(field).asText(null)).toList();
    }

    public static Optional<JsonNode> find(List<JsonNode> items, String field, String value) {
        return items.stream().filter(item -> value.equals(item.path(field).asText(null))).findFirst();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
