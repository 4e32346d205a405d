package io.lucid.devstack.api;

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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a reader of query-api does in the read-side integration tests: GETs with a bearer token (or none), answers
 * read as JSON with their entity tag; waiting for an eventually consistent view to show a state; walking a list
 * page by page. Thread-safe.
 */
public final class QueryClient {

    /** How long a view may lag behind the command that changed it. */
    public static final Duration CONSISTENCY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public QueryClient(TestStack stack) {
        this.base = stack.queryApi();
    }

    /** An answer of query-api: status, raw body, content type, entity tag and the body as JSON (null if not JSON). */
    public record Read(int status, String body, String contentType, String etag, JsonNode json,
            Map<String, List<String>> headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
        }

        public String code() {
            return json == null ? null : json.path("code").asText(null);
        }

        /** The {@code field} of the first field error, the parameter a 400 names. */
        public String errorField() {
            return json == null ? null : json.path("errors").path(0).path("field").asText(null);
        }

        public List<JsonNode> items() {
            List<JsonNode> items = new ArrayList<>();
            json.path("items").forEach(items::add);
            return items;
        }

        public List<String> itemIds(String idField) {
            return items().stream().map(item -> item.path(idField).asText()).toList();
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

    /** {@code GET pathAndQuery} (already encoded); {@code headers} are name, value pairs. */
    public Read get(String pathAndQuery, String token, String... headers) {
        Map<String, String> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            named.put(headers[i], headers[i + 1]);
        }
        return get(pathAndQuery, token, named);
    }

    /** Waits until {@code path} answers 200 with a body that satisfies {@code until}; returns that body. */
    public JsonNode awaitBody(String path, String token, Predicate<JsonNode> until) {
        return await().atMost(CONSISTENCY).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
                .until(() -> get(path, token), read -> read.status() == 200 && until.test(read.json())).json();
    }

    /** Waits until the row at {@code path} has {@code field} equal to {@code value}. */
    public JsonNode awaitField(String path, String token, String field, String value) {
        return awaitBody(path, token, body -> value.equals(body.path(field).asText(null)));
    }

    /** Every item of a list, following {@code next_cursor} with pages of {@code limit}; fails on a repeated item. */
    public List<JsonNode> all(String listPath, String token, int limit, String idField) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String separator = listPath.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            Read page = get(listPath + separator + "limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor)),
                    token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.items().size()).as("page size of " + listPath).isLessThanOrEqualTo(limit);
            for (JsonNode item : page.items()) {
                assertThat(seen.add(item.path(idField).asText())).as("listed once: " + item).isTrue();
                items.add(item);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    /** {@code GET pathAndQuery} with request headers by name. */
    public Read get(String pathAndQuery, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET()
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Read(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null), parse(response.body()),
                    response.headers().map());
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
    public Read rawGet(String target, String token) {
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
            return new Read(status, body, type, null, parse(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code path} until the answer satisfies {@code condition}; returns that answer. */
    public Read awaitRead(String path, String token, Predicate<Read> condition) {
        Read[] last = new Read[1];
        await().atMost(CONSISTENCY).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = get(path, token);
            assertThat(condition.test(last[0])).as("GET %s -> %s", path, last[0]).isTrue();
        });
        return last[0];
    }

    /** Polls an entity until it is served (200) and its body satisfies {@code condition}. */
    public JsonNode awaitEntity(String path, String token, Predicate<JsonNode> condition) {
        return awaitRead(path, token, r -> r.status() == 200 && condition.test(r.json())).json();
    }

    /** The pages of a list from the first to the one without {@code next_cursor}, each checked to be a 200. */
    public List<Read> walk(String path, String query, String token) {
        List<Read> pages = new ArrayList<>();
        String cursor = null;
        do {
            String separator = query.isEmpty() ? "" : "&";
            String url = path + "?" + query + (cursor == null ? "" : separator + "cursor=" + cursor);
            Read page = get(url, token);
            assertThat(page.status()).as("GET %s -> %s", url, page).isEqualTo(200);
            pages.add(page);
            cursor = page.nextCursor();
            assertThat(pages.size()).as("pages of %s", path).isLessThan(10_000);
        } while (cursor != null);
        return pages;
    }

    /** Every item of every page of a list ({@code query} without a cursor), in order. */
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

    /** A problem+json answer with {@code status} and {@code code}, and nothing of a stack trace in it. */
    public static void expectProblem(Read read, int status, String code) {
        assertThat(read.status()).as(read.toString()).isEqualTo(status);
        assertThat(read.contentType()).as(read.toString()).startsWith("application/problem+json");
        assertThat(read.code()).as(read.toString()).isEqualTo(code);
        assertThat(read.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A 400 {@code invalid_parameter} whose first field error names {@code field}. */
    public static void expectBadParameter(Read read, String field) {
        expectProblem(read, 400, "invalid_parameter");
        assertThat(read.errorField()).as(read.toString()).isEqualTo(field);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
