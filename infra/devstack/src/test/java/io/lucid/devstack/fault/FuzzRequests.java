package io.lucid.devstack.fault;

import io.lucid.devstack.AdminTokens;
import io.lucid.devstack.fault.ApiSurface.Operation;
import io.lucid.devstack.fault.ApiSurface.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Generates hostile requests for the operations of an API document from one seeded {@link Random}: the same seed
 * gives the same requests. Each request breaks one thing of a body built from the operation's schema (a field's
 * type, a boundary value, the syntax, trailing content, a duplicate key, invalid UTF-8, the encoding, the size, the
 * depth) or of its envelope (the id in the path, the query, the headers, the token, the method), and says whether
 * any correct server must refuse it.
 */
final class FuzzRequests {

    /** A request to send: {@code mustRefuse} when no correct server may answer it with a 2xx. */
    record Request(Operation operation, String kind, String method, byte[] target, List<String> headers, byte[] body,
            boolean mustRefuse, String marker) {

        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            if (text.length() > 300) {
                text = text.substring(0, 140) + "...(" + text.length() + " bytes)..." + text.substring(text.length() - 140);
            }
            String path = new String(target, StandardCharsets.ISO_8859_1);
            if (path.length() > 300) {
                path = path.substring(0, 200) + "...(" + path.length() + " bytes)";
            }
            List<String> shown = headers.stream().map(h -> h.length() > 200 ? h.substring(0, 120) + "...(" + h.length()
                    + " chars)" : h).toList();
            return "[" + kind + "] " + method + " " + path + " " + shown + " " + text;
        }
    }

    static final List<String> WRONG_VALUES = List.of(
            "null", "true", "false", "0", "-1", "-0", "1.5", "-9223372036854775809", "9223372036854775808", "1e400",
            "-1e400", "\"\"", "\"   \"", "\"x\"", "\"-1\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "[]",
            "[null]", "[1,2,3]", "{}", "{\"a\":1}", "\"" + "é".repeat(300) + "\"", "\"<script>alert(1)</script>\"",
            "\"' OR '1'='1\"", "\"../../etc/passwd\"", "\"\\r\\nX-Injected: 1\"", "\"\\u202e\\u0000\"");

    static final List<String> BOUNDARY_NUMBERS = List.of(
            "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
            "1e308", "4.9e-324", "0.0000001", "-0.0", "100000000000000000000000000000", "1E2", "3.14159265358979323846264338327950288");

    static final List<String> BOUNDARY_STRINGS = List.of(
            "\"\"", "\"a\"", "\"" + "a".repeat(64) + "\"", "\"" + "a".repeat(65) + "\"", "\"" + "a".repeat(256) + "\"",
            "\"" + "a".repeat(10_000) + "\"", "\"\\ud83d\\ude00\"", "\"\u00e9\u4e2d\u0627\"", "\"\\t\\n\"",
            "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-02-30T25:61:61Z\"", "\"%00\"");

    static final List<String> BROKEN_BODIES = List.of(
            "{", "}", "{\"a\":", "[]", "[{}]", "0", "\"text\"", "true", "{\"a\":1,}", "{'a':1}", "{a:1}",
            "{\"a\" 1}", "{\"a\":1}{\"a\":2}", "\u0000", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":0x10}",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":undefined}", "{/*c*/\"a\":1}", "{\"a\":\"\u0001\"}",
            "\ufeff{}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}");

    static final List<String> TRAILING = List.of("x", "}", "{}", ",", " 1", "\u0000", "]", "{\"a\":1}", " null", "//");

    static final List<String> HOSTILE_IDS = List.of(
            "", "%20", "..", "%2e%2e%2f%2e%2e%2fetc", "%00", "a%00b", "%2F", "%zz", "%", "%C3%28", "%FF%FE",
            "'%20OR%20'1'%3D'1", "%3Cscript%3E", "node_" + "a".repeat(300), "x".repeat(5_000), "-1", "0",
            "9223372036854775808", "%E2%80%AE", "%F0%9F%98%80", "null", "undefined", "%7B%7D", "%5B%5D",
            "node_nobody_here", "session_nobody", "payout_1_node_nobody", "rdp_nobody", "pairing_nobody",
            "00000000-0000-0000-0000-000000000000", "CON", "%0d%0aX-Injected:%201");

    static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "application/problem+json",
            "application/*", "*/*", "json", "", "application/json;;;");

    static final List<String> ENCODINGS = List.of("gzip", "deflate", "br", "compress", "x-nonsense", "gzip, gzip", "identity, gzip");

    private final Random random;
    private final String secret;
    private final String marker;
    private final List<String> realIds;
    private final String nodeId;
    private final Map<String, Set<String>> methodsByPath;

    /**
     * @param marker  prefix of every request's token subject and correlation id, so the events a request caused can
     *                be told from any other's
     * @param realIds ids of aggregates that exist, used in paths beside the hostile ones
     */
    FuzzRequests(long seed, String secret, String marker, List<String> realIds, String nodeId,
            List<Operation> surface) {
        this.random = new Random(seed);
        this.secret = secret;
        this.marker = marker;
        this.realIds = realIds;
        this.nodeId = nodeId;
        this.methodsByPath = new java.util.HashMap<>();
        for (Operation op : surface) {
            methodsByPath.computeIfAbsent(op.api() + " " + op.path(), k -> new java.util.HashSet<>()).add(op.method());
        }
    }

    /** The {@code n}th request, for {@code op}. */
    Request next(Operation op, int n) {
        String requestMarker = marker + "-" + n;
        List<String> kinds = new ArrayList<>(List.of("hostile_id", "query", "header", "token", "method"));
        if (op.body() != null) {
            kinds.addAll(List.of("wrong_type", "wrong_type", "wrong_type", "absent", "boundary", "boundary", "broken",
                    "trailing", "duplicate_key", "invalid_utf8", "encoding", "content_type", "huge", "deep", "wide"));
        } else {
            kinds.addAll(List.of("stray_body", "encoding"));
        }
        String kind = pick(kinds);
        List<String> headers = new ArrayList<>();
        headers.add("X-Correlation-Id: " + requestMarker);
        String role = pick(List.of("ADMIN", "ADMIN", "ADMIN", "OPERATOR", "NODE", "DEVICE", "VIEWER"));
        String token = token(requestMarker, role, Duration.ofHours(1));
        String path = fillPath(op.path(), false);
        String query = "";
        String body = op.body() == null ? null : json(op.body(), 0);
        byte[] bytes = null;
        boolean mustRefuse = false;
        String method = op.method();
        String contentType = "application/json";
        switch (kind) {
            case "hostile_id" -> {
                if (op.path().contains("{")) {
                    path = fillPath(op.path(), true);
                    // a command on no aggregate, or an entity that is not there; a listing of an unknown parent
                    // may be an empty list, and dot segments may be normalised onto another route
                    mustRefuse = (op.api().equals("command-api") || op.path().endsWith("}")) && !dotSegment;
                }
            }
            case "query" -> query = query(op);
            case "header" -> headers.add(pick(List.of(
                    "Idempotency-Key: ", "Idempotency-Key: " + "k".repeat(5_000), "Idempotency-Key: \u00e9\u00ff",
                    "Idempotency-Key: " + requestMarker + "\t", "X-Correlation-Id: " + "c".repeat(2_000),
                    "X-Correlation-Id: <script>", "X-Lucid-Position: abc", "X-Lucid-Position: -1",
                    "X-Lucid-Position: 99999999999999999999999", "X-Lucid-Position: a:b:c:d",
                    "X-Lucid-Position: " + "9".repeat(3_000), "Accept: application/xml", "Accept: nonsense/;;",
                    "Accept-Encoding: x-unknown", "Accept-Language: \u00ff\u00fe", "X-Forwarded-For: 300.1.1.1, ::g",
                    "Origin: null", "Origin: https://evil.example", "Range: bytes=0-1", "Expect: 100-continue", "Transfer-Encoding: identity",
                    "X-Hostile-" + "h".repeat(100) + ": 1", "Cookie: " + "a=b; ".repeat(500))));
            case "token" -> {
                // "": no Authorization at all; otherwise the whole header value
                token = pick(List.of("", "Bearer", "Bearer ", "Bearer x", "Basic YWRtaW46YWRtaW4=",
                        "Bearer " + token(requestMarker, role, Duration.ofSeconds(-120)),
                        "Bearer " + AdminTokens.mint("another-secret-of-at-least-32-bytes-long!", requestMarker,
                                List.of("ADMIN"), Duration.ofHours(1)),
                        "Bearer " + unsigned(requestMarker), "Bearer " + "a".repeat(100_000),
                        "Bearer " + token(requestMarker, "NO_SUCH_ROLE", Duration.ofHours(1)),
                        "Bearer " + token(requestMarker, role, Duration.ofHours(1)) + "x",
                        "Bearer " + token(requestMarker, role, Duration.ofHours(1)).toUpperCase()));
                mustRefuse = !op.anonymous();
                if (token.isEmpty()) {
                    token = null;
                }
            }
            case "method" -> {
                method = pick(List.of("PATCH", "PUT", "DELETE", "POST", "GET", "TRACE"));
                // only another method than the documented ones must be refused
                mustRefuse = !methodsByPath.getOrDefault(op.api() + " " + op.path(), Set.of()).contains(method);
                if (method.equals("GET") || method.equals("DELETE") || method.equals("TRACE")) {
                    body = null;
                }
            }
            case "wrong_type" -> {
                Field field = field(op.body());
                if (field != null) {
                    String value = pick(WRONG_VALUES);
                    body = replace(op.body(), field.path(), value);
                    mustRefuse = wrongType(field.type(), value);
                }
            }
            case "absent" -> {
                Field field = field(op.body());
                if (field != null) {
                    body = replace(op.body(), field.path(), random.nextBoolean() ? null : "null");
                }
            }
            case "boundary" -> {
                Field field = field(op.body());
                if (field != null) {
                    String value = switch (field.type()) {
                        case "integer", "number" -> pick(BOUNDARY_NUMBERS);
                        case "string" -> pick(BOUNDARY_STRINGS);
                        default -> pick(WRONG_VALUES);
                    };
                    body = replace(op.body(), field.path(), value);
                    mustRefuse = wrongType(field.type(), value);
                }
            }
            case "broken" -> {
                body = pick(BROKEN_BODIES);
                // A byte order mark before "{}" may be ignored by a parser (RFC 8259, section 8.1): either answer
                // is right, as for "{}" itself.
                mustRefuse = op.bodyRequired() || !(body.equals("{}") || body.equals("\ufeff{}"));
            }
            case "trailing" -> {
                body = body + pick(TRAILING);
                mustRefuse = true;
            }
            case "duplicate_key" -> {
                if (body.startsWith("{\"")) {
                    int colon = body.indexOf("\":");
                    String key = body.substring(1, colon + 1);
                    body = "{" + key + ":" + pick(List.of("\"dup\"", "1", "null", "{}")) + "," + body.substring(1);
                    mustRefuse = true;
                }
            }
            case "invalid_utf8" -> {
                byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xE2, (byte) 0x82}));
                Field field = stringField(op.body());
                String withHole = field == null ? "{\"x\":\"\u0001HOLE\u0001\"}" : replace(op.body(), field.path(), "\"a\u0001HOLE\u0001b\"");
                bytes = splice(withHole.getBytes(StandardCharsets.UTF_8), "\u0001HOLE\u0001".getBytes(StandardCharsets.UTF_8), bad);
                mustRefuse = true;
            }
            case "encoding" -> {
                String encoding = pick(ENCODINGS);
                headers.add("Content-Encoding: " + encoding);
                if (body == null) {
                    body = "{}";
                }
                if (encoding.equals("gzip") && random.nextBoolean()) {
                    bytes = gzip(body.getBytes(StandardCharsets.UTF_8)); // a real gzip body: either answer is right
                } else {
                    // bytes that are not in the encoding the server decodes (gzip, deflate) must be refused; an
                    // encoding it does not know, or a list of codings ("gzip, gzip"), it may pass through unread
                    // (docs/reliability.md, open findings; never a 5xx either way)
                    mustRefuse = op.body() != null && (encoding.equals("gzip") || encoding.equals("deflate"));
                }
            }
            case "content_type" -> {
                contentType = pick(CONTENT_TYPES);
                // a server may read JSON under another media type; it must not break on one
            }
            case "huge" -> {
                Field field = stringField(op.body());
                String big = "\"" + "x".repeat(2_000_000 + random.nextInt(1_000_000)) + "\"";
                body = field == null ? "{\"x\":" + big + "}" : replace(op.body(), field.path(), big);
                mustRefuse = true;
            }
            case "deep" -> {
                int depth = 1_000 + random.nextInt(20_000);
                Field field = field(op.body());
                String deep = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                body = field == null ? deep : replace(op.body(), field.path(), deep);
                mustRefuse = true;
            }
            case "wide" -> {
                StringBuilder wide = new StringBuilder(body.substring(0, body.length() - 1));
                int keys = 1_000 + random.nextInt(20_000);
                for (int i = 0; i < keys; i++) {
                    wide.append(wide.length() > 1 ? "," : "").append("\"k").append(i).append("\":").append(i);
                }
                body = wide.append('}').toString();
            }
            case "stray_body" -> body = pick(List.of("{}", "{\"a\":1}", "garbage", "[".repeat(5_000),
                    "\"" + "x".repeat(100_000) + "\""));
            default -> throw new IllegalStateException(kind);
        }
        if (token != null) {
            headers.add("Authorization: " + (kind.equals("token") ? token : "Bearer " + token));
        }
        if (bytes == null && body != null) {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes != null && !contentType.isEmpty()) {
            headers.add("Content-Type: " + contentType);
        }
        if (method.equals("POST") || method.equals("PUT")) {
            headers.add("Idempotency-Key: " + requestMarker);
        }
        byte[] target = (path + query).getBytes(StandardCharsets.ISO_8859_1);
        if (kind.equals("hostile_id") && random.nextInt(8) == 0) {
            // raw bytes that are not UTF-8 in the request line itself
            target = splice((fillPath(op.path(), false).replaceFirst("/[^/]*$", "/\u0001HOLE\u0001")).getBytes(
                    StandardCharsets.ISO_8859_1), "\u0001HOLE\u0001".getBytes(StandardCharsets.ISO_8859_1),
                    new byte[] {(byte) 0xFF, (byte) 0xC3, 0x28});
            mustRefuse = true;
        }
        return new Request(op, kind, method, target, headers, bytes, mustRefuse, requestMarker);
    }

    private static boolean wrongType(String type, String value) {
        if (value == null || value.equals("null")) {
            return false;
        }
        char first = value.charAt(0);
        boolean number = first == '-' || Character.isDigit(first);
        return switch (type) {
            case "string" -> first != '"';
            case "boolean" -> !value.equals("true") && !value.equals("false");
            case "integer", "number" -> !number;
            case "object" -> first != '{';
            case "array" -> first != '[';
            default -> false;
        };
    }

    private String token(String subject, String role, Duration ttl) {
        String node = role.equals("NODE") ? nodeId : null;
        return AdminTokens.mint(secret, subject, List.of(role), node, ttl);
    }

    private static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\",\"roles\":[\"ADMIN\"],\"exp\":9999999999}")
                        .getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private boolean dotSegment;

    private String fillPath(String template, boolean hostile) {
        dotSegment = false;
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template.substring(at));
                return out.toString();
            }
            out.append(template, at, open);
            at = template.indexOf('}', open) + 1;
            if (hostile) {
                String id = pick(HOSTILE_IDS);
                dotSegment |= id.equals("..") || id.startsWith("%2e") || id.isEmpty();
                out.append(id);
            } else {
                out.append(realIds.isEmpty() ? "none" : URLEncoder.encode(pick(realIds), StandardCharsets.UTF_8));
            }
        }
    }

    private String query(Operation op) {
        List<String> parts = new ArrayList<>();
        for (Parameter p : op.parameters()) {
            if (!p.in().equals("query") || random.nextInt(3) == 0) {
                continue;
            }
            parts.add(p.name() + "=" + pick(List.of("", "-1", "0", "1", "101", "1000000", "99999999999999999999",
                    "abc", "%00", "%zz", "true", "null", "%27%20OR%201%3D1", "x".repeat(3_000), "1970-01-01T00:00:00Z",
                    "2026-13-45", "%C3%28", "a,b,c", "%E2%80%AE")));
            if (random.nextInt(5) == 0) {
                parts.add(p.name() + "=" + "1"); // the same parameter twice
            }
        }
        parts.add(pick(List.of("limit=0", "limit=-5", "limit=abc", "limit=1000", "cursor=%zz", "cursor=AAAA",
                "cursor=" + "A".repeat(4_000), "position=xyz", "position=-1", "nosuch=1", "sort=;DROP", "since=-1")));
        return "?" + String.join("&", parts);
    }

    /** A field of the body schema: its dotted path and JSON type. */
    record Field(String path, String type) {
    }

    private Field field(Map<String, Object> schema) {
        List<Field> fields = new ArrayList<>();
        collect(schema, "", fields, 0);
        return fields.isEmpty() ? null : pick(fields);
    }

    private Field stringField(Map<String, Object> schema) {
        List<Field> fields = new ArrayList<>();
        collect(schema, "", fields, 0);
        List<Field> strings = fields.stream().filter(f -> f.type().equals("string")).toList();
        return strings.isEmpty() ? null : pick(strings);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> schema, String prefix, List<Field> out, int depth) {
        if (depth > 4 || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        for (Map.Entry<?, ?> p : properties.entrySet()) {
            Map<String, Object> child = (Map<String, Object>) p.getValue();
            String path = prefix + p.getKey();
            out.add(new Field(path, (String) child.getOrDefault("type", "string")));
            collect(child, path + ".", out, depth + 1);
        }
    }

    /** A body of the schema's shape: plain values of each field's type (what the rules make of them is their affair). */
    @SuppressWarnings("unchecked")
    static String json(Map<String, Object> schema, int depth) {
        String type = (String) schema.getOrDefault("type", "object");
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return quote(String.valueOf(values.get(0)));
        }
        return switch (type) {
            case "string", "any" -> quote("fuzz");
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            case "array" -> depth > 4 ? "[]" : "[" + json((Map<String, Object>) schema.getOrDefault("items",
                    Map.of("type", "string")), depth + 1) + "]";
            default -> {
                if (depth > 4 || !(schema.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty()) {
                    yield "{}";
                }
                StringBuilder out = new StringBuilder("{");
                for (Map.Entry<?, ?> p : properties.entrySet()) {
                    out.append(out.length() > 1 ? "," : "").append(quote((String) p.getKey())).append(':')
                            .append(json((Map<String, Object>) p.getValue(), depth + 1));
                }
                yield out.append('}').toString();
            }
        };
    }

    /** The schema's body with the field at {@code path} set to {@code value} (raw JSON; null removes the field). */
    @SuppressWarnings("unchecked")
    static String replace(Map<String, Object> schema, String path, String value) {
        return replace(schema, path.split("\\."), 0, value, 0);
    }

    @SuppressWarnings("unchecked")
    private static String replace(Map<String, Object> schema, String[] path, int at, String value, int depth) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            String rendered;
            if (p.getKey().equals(path[at])) {
                if (at == path.length - 1) {
                    if (value == null) {
                        continue;
                    }
                    rendered = value;
                } else {
                    rendered = replace((Map<String, Object>) p.getValue(), path, at + 1, value, depth + 1);
                }
            } else {
                rendered = json((Map<String, Object>) p.getValue(), depth + 1);
            }
            out.append(out.length() > 1 ? "," : "").append(quote(p.getKey())).append(':').append(rendered);
        }
        return out.append('}').toString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] splice(byte[] data, byte[] hole, byte[] with) {
        for (int i = 0; i <= data.length - hole.length; i++) {
            if (java.util.Arrays.equals(data, i, i + hole.length, hole, 0, hole.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(data, 0, i);
                out.write(with, 0, with.length);
                out.write(data, i + hole.length, data.length - i - hole.length);
                return out.toByteArray();
            }
        }
        return data;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    Random random() {
        return random;
    }
}
