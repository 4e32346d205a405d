package io.lucid.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./lucid replay ...}: blue/green rebuilds of projections through query-api's ADMIN API (docs/replay.md).
 * The comparison (a line per view, then the differing rows) goes to standard output; progress (events done and left,
 * rate, ETA) and the one-line summary to standard error. Uses the stack's admin token unless {@code LUCID_TOKEN}
 * names another.
 */
public final class ReplayCli {

    static final String USAGE = """
            usage: lucid replay [projection...] [--switch]   rebuild (all: no names), compare, with --switch make it live
                   lucid replay --switch                     make the compared rebuild live
                   lucid replay --drop                       drop the open rebuild's schema (after a switch: the old rows)
                   lucid replay --status                     the newest rebuild""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DONE = Set.of("compared", "switched", "dropped", "failed");
    private static final String PATH = "/api/v1/admin/replays";

    private final URI queryApi;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ReplayCli(URI queryApi, String token, PrintStream out, PrintStream err, boolean terminal) {
        this.queryApi = queryApi;
        this.token = token;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    static int run(List<String> args, Path dataDir) throws Exception {
        String port = System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082");
        URI uri = URI.create(System.getenv().getOrDefault("LUCID_QUERY_URL", "http://127.0.0.1:" + port));
        return new ReplayCli(uri, Watch.token(dataDir), System.out, System.err, System.console() != null).run(args);
    }

    /** Runs one replay command; returns the exit code (0 equal or switched, 1 different, refused or failed, 2 usage). */
    public int run(List<String> args) throws Exception {
        List<String> names = new ArrayList<>();
        boolean switchOver = false;
        String only = null;
        for (String arg : args) {
            switch (arg) {
                case "--switch" -> switchOver = true;
                case "--drop", "--status" -> only = arg;
                default -> {
                    if (arg.startsWith("-")) {
                        return usage();
                    }
                    names.add(arg);
                }
            }
        }
        if (only != null) {
            return names.isEmpty() && !switchOver ? (only.equals("--drop") ? drop() : status()) : usage();
        }
        if (switchOver && names.isEmpty() && !args.isEmpty() && args.size() == 1) {
            JsonNode open = newest();
            if (open == null || !open.path("state").asText().equals("compared")) {
                err.println("lucid replay: no compared rebuild to switch" + (open == null ? "" : " (rebuild "
                        + open.path("id").asLong() + " is " + open.path("state").asText() + ")"));
                return 1;
            }
            return switchOver(open.path("id").asLong());
        }
        return rebuild(names, switchOver);
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int rebuild(List<String> names, boolean switchOver) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        names.forEach(body.putArray("projections")::add);
        long started = System.nanoTime();
        JsonNode replay = send("POST", PATH, body.toString(), 202);
        if (replay == null) {
            return 1;
        }
        long id = replay.path("id").asLong();
        replay = await(id, DONE);
        if (replay == null) {
            return 1;
        }
        String state = replay.path("state").asText();
        if (!state.equals("compared")) {
            err.println("lucid replay: rebuild " + id + " " + state + ": " + replay.path("error").asText(""));
            return 1;
        }
        JsonNode comparison = replay.path("comparison");
        int views = 0;
        long differing = 0;
        for (JsonNode projection : comparison.path("projections")) {
            for (JsonNode view : projection.path("views")) {
                views++;
                out.printf("%s %s: %d rows live, %d rebuilt, checksum %s / %s: %s%n",
                        projection.path("projection").asText(), view.path("view").asText(),
                        view.path("live_rows").asLong(), view.path("rebuilt_rows").asLong(),
                        view.path("live_checksum").asText(), view.path("rebuilt_checksum").asText(),
                        view.path("equal").asBoolean() ? "equal" : "DIFFERENT");
            }
            differing += projection.path("differing_rows").asLong();
            for (JsonNode row : projection.path("rows")) {
                out.printf("differs %s %s/%s: live %s | rebuilt %s%n", projection.path("projection").asText(),
                        row.path("view").asText(), row.path("id").asText(), side(row.path("live")),
                        side(row.path("rebuilt")));
            }
        }
        boolean equal = comparison.path("equal").asBoolean();
        long events = replay.path("progress").path("events_done").asLong();
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("replay %d %s: %s: %d events in %.1f s (%.0f events/s), %d views, %d differing rows%n", id,
                String.join(",", names(replay)), equal ? "EQUAL" : "DIFFERENT", events, seconds,
                seconds <= 0 ? 0 : events / seconds, views, differing);
        if (switchOver) {
            return switchOver(id);
        }
        if (equal) {
            err.println("  ./lucid replay --switch makes it live, ./lucid replay --drop drops it");
        }
        return equal ? 0 : 1;
    }

    private int switchOver(long id) throws Exception {
        if (send("POST", PATH + "/" + id + "/switch", "", 202) == null) {
            return 1;
        }
        JsonNode replay = await(id, Set.of("switched", "dropped", "failed"));
        if (replay == null || !replay.path("state").asText().equals("switched")) {
            err.println("lucid replay: rebuild " + id + " was not switched"
                    + (replay == null ? "" : ": " + replay.path("state").asText()));
            return 1;
        }
        err.printf("replay %d %s: switched; the old rows stay in schema %s until ./lucid replay --drop%n", id,
                String.join(",", names(replay)), replay.path("schema").asText());
        return 0;
    }

    private int drop() throws Exception {
        JsonNode open = newest();
        if (open == null) {
            err.println("lucid replay: no rebuild to drop");
            return 1;
        }
        long id = open.path("id").asLong();
        if (send("DELETE", PATH + "/" + id, null, 202) == null) {
            return 1;
        }
        JsonNode replay = await(id, Set.of("dropped", "failed"));
        if (replay == null) {
            return 1;
        }
        err.printf("replay %d: %s, schema %s dropped%n", id, replay.path("state").asText(),
                replay.path("schema").asText());
        return 0;
    }

    private int status() throws Exception {
        JsonNode newest = newest();
        if (newest == null) {
            err.println("lucid replay: no rebuild yet");
            return 1;
        }
        out.println(newest.toPrettyString());
        return 0;
    }

    private JsonNode newest() throws Exception {
        JsonNode list = send("GET", PATH, null, 200);
        if (list == null || list.path("items").isEmpty()) {
            return null;
        }
        return list.path("items").get(0);
    }

    /** Polls the rebuild until it reaches one of {@code states}, drawing its progress on a terminal. */
    private JsonNode await(long id, Set<String> states) throws Exception {
        while (true) {
            JsonNode replay = send("GET", PATH + "/" + id, null, 200);
            if (replay == null) {
                return null;
            }
            String state = replay.path("state").asText();
            if (terminal) {
                JsonNode progress = replay.path("progress");
                JsonNode eta = progress.path("eta_seconds");
                err.printf("\r  %s %s: %,d events done, %,d left, %,d events/s, ETA %s   ", state,
                        String.join(",", names(replay)), progress.path("events_done").asLong(),
                        progress.path("events_left").asLong(), progress.path("events_per_second").asLong(),
                        eta.isNull() ? "-" : eta.asLong() + " s");
            }
            if (states.contains(state)) {
                if (terminal) {
                    err.print("\r");
                }
                return replay;
            }
            Thread.sleep(500);
        }
    }

    private static List<String> names(JsonNode replay) {
        List<String> names = new ArrayList<>();
        replay.path("projections").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static String side(JsonNode side) {
        if (!side.path("present").asBoolean()) {
            return "(absent)";
        }
        return "v" + side.path("version").asLong() + (side.path("deleted").asBoolean() ? " deleted" : " "
                + side.path("body"));
    }

    /** The answer as JSON when its status is {@code expected}; null after printing the problem. */
    private JsonNode send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(queryApi.resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String detail = response.body();
            try {
                JsonNode problem = JSON.readTree(response.body());
                detail = problem.path("code").asText() + ": " + problem.path("detail").asText();
            } catch (IOException e) {
                // not a problem body: print it as it is
            }
            err.println("lucid replay: " + response.statusCode() + " " + detail);
            return null;
        }
        return JSON.readTree(response.body());
    }
}
