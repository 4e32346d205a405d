package io.lucid.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./lucid audit ...}: query-api's audit API from a terminal (docs/audit.md). Data goes to standard output
 * (JSON, NDJSON or one problem per line), progress and the one-line summary to standard error, so output can be piped.
 * Uses the running stack's admin token unless {@code LUCID_TOKEN} names another (an AUDITOR's, typically).
 */
public final class AuditCli {

    static final String USAGE = """
            usage: lucid audit history <aggregate-id>
                   lucid audit export [--from <instant>] [--to <instant>] [--type <event type>] [--actor <subject>]
                                      [--correlation-id <id>] [--aggregate <id>]          (NDJSON on stdout)
                   lucid audit state <aggregate-id> [--version <n> | --at <instant>]
                   lucid audit verify --store|--topics [--aggregate <id>]""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EXPORT_OPTIONS = Map.of("--from", "from", "--to", "to", "--type", "type",
            "--actor", "actor", "--correlation-id", "correlation_id", "--aggregate", "aggregate_id");

    private final URI queryApi;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AuditCli(URI queryApi, String token, PrintStream out, PrintStream err) {
        this.queryApi = queryApi;
        this.token = token;
        this.out = out;
        this.err = err;
    }

    static int run(List<String> args, Path dataDir) throws Exception {
        String port = System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082");
        URI uri = URI.create(System.getenv().getOrDefault("LUCID_QUERY_URL", "http://127.0.0.1:" + port));
        return new AuditCli(uri, Watch.token(dataDir), System.out, System.err).run(args);
    }

    /** Runs one audit command; returns the exit code (0 done, 1 refused or broken, 2 usage). */
    public int run(List<String> args) throws Exception {
        String command = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (command) {
            case "history" -> rest.size() == 1 ? history(rest.get(0)) : usage();
            case "export" -> export(rest);
            case "state" -> state(rest);
            case "verify" -> verify(rest);
            default -> usage();
        };
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int history(String aggregateId) throws Exception {
        JsonNode body = getJson("/api/v1/audit/aggregates/" + segment(aggregateId) + "/events");
        if (body == null) {
            return 1;
        }
        JsonNode events = body.path("events");
        events.forEach(event -> out.println(event.toString()));
        JsonNode last = events.get(events.size() - 1);
        err.printf("audit history %s (%s): %d events, sequence 0-%d, chain head %s%n", aggregateId,
                body.path("aggregate_type").asText(), events.size(), last.path("sequence").asLong(),
                last.path("hash").asText());
        return 0;
    }

    private int export(List<String> options) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i += 2) {
            String parameter = EXPORT_OPTIONS.get(options.get(i));
            if (parameter == null || i + 1 >= options.size()) {
                return usage();
            }
            query.put(parameter, options.get(i + 1));
        }
        HttpResponse<InputStream> response = http.send(request("/api/v1/audit/events" + query(query)),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            return refused(response.statusCode(), new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long started = System.nanoTime();
        long lines = 0;
        boolean progress = System.console() != null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                lines++;
                if (progress && lines % 10_000 == 0) {
                    err.printf("\r  %,d events (%,.0f/s)", lines, rate(lines, started));
                }
            }
        }
        out.flush();
        if (progress && lines >= 10_000) {
            err.println();
        }
        err.printf("audit export: %d events in %.1f s (%.0f events/s)%n", lines, seconds(started), rate(lines, started));
        return 0;
    }

    private int state(List<String> options) throws Exception {
        if (options.isEmpty() || (options.size() != 1 && options.size() != 3)) {
            return usage();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (options.size() == 3) {
            switch (options.get(1)) {
                case "--at" -> query.put("at", options.get(2));
                case "--version" -> query.put("version", options.get(2));
                default -> {
                    return usage();
                }
            }
        }
        String aggregateId = options.get(0);
        JsonNode body = getJson("/api/v1/audit/aggregates/" + segment(aggregateId) + "/state" + query(query));
        if (body == null) {
            return 1;
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body.path("state")));
        err.printf("audit state %s (%s): version %d, last event at %s%n", aggregateId,
                body.path("aggregate_type").asText(), body.path("version").asLong(), body.path("last_event_at").asText());
        return 0;
    }

    private int verify(List<String> options) throws Exception {
        String source = null;
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i++) {
            switch (options.get(i)) {
                case "--store" -> source = "store";
                case "--topics" -> source = "topics";
                case "--aggregate" -> {
                    if (i + 1 >= options.size()) {
                        return usage();
                    }
                    query.put("aggregate_id", options.get(++i));
                }
                default -> {
                    return usage();
                }
            }
        }
        if (source == null) {
            return usage();
        }
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("source", source));
        parameters.putAll(query);
        long started = System.nanoTime();
        if (System.console() != null) {
            err.print("  verifying the " + source + "...");
        }
        JsonNode report = getJson("/api/v1/audit/verify" + query(parameters));
        if (System.console() != null) {
            err.print("\r");
        }
        if (report == null) {
            return 1;
        }
        for (JsonNode problem : report.path("problems")) {
            out.printf("%s %s (%s) at sequence %d, event %s%s: expected %s, found %s%n", problem.path("kind").asText(),
                    problem.path("aggregate_id").asText(), problem.path("aggregate_type").asText(),
                    problem.path("sequence").asLong(), problem.path("event_id").asText(),
                    problem.has("location") ? " (" + problem.path("location").asText() + ")" : "",
                    problem.path("expected").asText(), problem.path("found").asText());
        }
        long events = report.path("events").asLong();
        err.printf("audit verify %s: %s: %d events in %d aggregates, %d broken%s, %.1f s (%.0f events/s)%n", source,
                report.path("ok").asBoolean() ? "OK" : "BROKEN", events, report.path("aggregates").asLong(),
                report.path("broken_aggregates").asLong(), report.path("truncated").asBoolean() ? " (list truncated)" : "",
                seconds(started), rate(events, started));
        return report.path("ok").asBoolean() ? 0 : 1;
    }

    /** The answer as JSON, or null after printing the problem. */
    private JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            refused(response.statusCode(), response.body());
            return null;
        }
        return JSON.readTree(response.body());
    }

    private int refused(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            detail = problem.path("code").asText() + ": " + problem.path("detail").asText()
                    + (problem.path("errors").isEmpty() ? "" : " " + problem.path("errors"));
        } catch (IOException e) {
            // not a problem body: print it as it is
        }
        err.println("lucid audit: " + status + " " + detail);
        return 1;
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(queryApi.resolve(pathAndQuery)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofHours(1)).GET().build();
    }

    private static String query(Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static double rate(long count, long started) {
        double seconds = seconds(started);
        return seconds <= 0 ? 0 : count / seconds;
    }
}
