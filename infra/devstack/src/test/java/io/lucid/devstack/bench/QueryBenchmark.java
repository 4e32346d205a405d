package io.lucid.devstack.bench;

import io.lucid.projections.ReadModels;
import io.lucid.schemas.position.Position;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The query side against the stack of {@code ./lucid up} (run on a fresh stack: it adds nodes). Not a test: it
 * prints figures, each next to a ceiling measured in the same run.
 * <ol>
 *   <li>GET /nodes/{id} at a fixed rate (open loop), next to the same row read straight over JDBC at that rate;</li>
 *   <li>a filtered list page at a fixed rate, next to its SQL over JDBC;</li>
 *   <li>command 201 -> read-your-writes answer: lifecycle commands at a fixed rate, each read back with its position;</li>
 *   <li>catch-up: synthetic registrations are appended to {@code lucid.node.events}; a plain consumer reads the topic
 *   end to end, then each read model replays its topics into a scratch schema: events/s of each against the raw
 *   consumer rate.</li>
 * </ol>
 * Usage: {@code ./lucid bench query [nodes] [get_rate] [list_rate] [ryw_rate] [catchup_events] [parts]}, parts a
 * comma-separated subset of {@code get,list,ryw,catchup} (default: all); the catch-up step alone, with CPU time per
 * event: {@code ./lucid bench catchup} ({@link CatchUpBenchmark}).
 */
public final class QueryBenchmark {

    private static final int SECONDS = 10;

    private final CommandLoad load = new CommandLoad();
    private final URI query = URI.create("http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_QUERY_PORT", "8082"));
    private final String jdbcUrl = System.getenv().getOrDefault("LUCID_DB_URL",
            "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("LUCID_PG_PORT", "5433") + "/lucid");
    private final String dbUser = System.getenv().getOrDefault("LUCID_DB_USER", "postgres");
    private final String dbPassword = System.getenv().getOrDefault("LUCID_DB_PASSWORD", "");
    private final String kafka = System.getenv().getOrDefault("LUCID_KAFKA_BOOTSTRAP",
            "127.0.0.1:" + System.getenv().getOrDefault("LUCID_KAFKA_PORT", "9092"));
    private final String registry = System.getenv().getOrDefault("LUCID_SCHEMA_REGISTRY_URL",
            "http://127.0.0.1:" + System.getenv().getOrDefault("LUCID_REGISTRY_PORT", "8081"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String reader;
    /** The load's client (the JDK's HttpClient costs as much CPU per request as the server: see LoopbackHttp). */
    private final LoopbackHttp queries = new LoopbackHttp(query);
    private final LoopbackHttp commands = new LoopbackHttp(load.command);

    private QueryBenchmark() throws IOException {
        reader = load.token("AUDITOR", "bench-reader", null);
    }

    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 2000);
        int getRate = arg(args, 1, 2000);
        int listRate = arg(args, 2, 500);
        int rywRate = arg(args, 3, 500);
        int catchup = arg(args, 4, 100_000);
        Set<String> parts = args.length > 5 ? Set.of(args[5].split(",")) : Set.of("get", "list", "ryw", "catchup");
        new QueryBenchmark().run(nodes, getRate, listRate, rywRate, catchup, parts);
        BenchReport.exit(0);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private void run(int count, int getRate, int listRate, int rywRate, int catchup, Set<String> parts)
            throws Exception {
        System.out.printf("query benchmark, load average %s%n", CommandLoad.load());
        List<CommandLoad.BenchNode> nodes = load.registerNodes("qb", count);
        String last = nodes.get(nodes.size() - 1).nodeId();
        long waitStart = System.nanoTime();
        while (get("/api/v1/nodes/" + last, Map.of()).statusCode() != 200) {
            Thread.sleep(50);
        }
        System.out.printf("registered %d nodes; the last one readable %.0f ms after its 201%n", count,
                (System.nanoTime() - waitStart) / 1e6);
        List<String> ids = nodes.stream().map(CommandLoad.BenchNode::nodeId).toList();

        if (parts.contains("get")) {
            // Warm-up: every path, not timed.
            OpenLoop.run(getRate, getRate * 2, 32, i -> getById(ids));
            OpenLoop.run(getRate, getRate * 2, 32, i -> trivial());
            OpenLoop.run(getRate, getRate * 2, 32, i -> jdbcById(ids));

            Phase rest = phase(getRate, i -> getById(ids));
            Phase jdkClient = phase(getRate, i -> getByIdJdkClient(ids));
            Phase trivial = phase(getRate, i -> trivial());
            Phase jdbc = phase(getRate, i -> jdbcById(ids));
            System.out.printf("GET /nodes/{id} at %d/s: %s%n  %s%n", getRate, rest.result().summary(), rest.cpu());
            System.out.printf("  the same through the JDK's HttpClient at %d/s: %s%n  %s%n", getRate,
                    jdkClient.result().summary(), jdkClient.cpu());
            System.out.printf("  ceiling, a static file of the same server (%s, no token, no database) through the "
                    + "same client at %d/s: %s%n  %s%n", TRIVIAL, getRate, trivial.result().summary(), trivial.cpu());
            System.out.printf("  ceiling, the same row over JDBC at %d/s: %s%n  %s%n", getRate, jdbc.result().summary(),
                    jdbc.cpu());
        }
        if (parts.contains("list")) {
            OpenLoop.run(listRate, listRate * 2, 32, i -> listPage());
            Phase list = phase(listRate, i -> listPage());
            Phase listJdbc = phase(listRate, i -> jdbcList());
            System.out.printf("GET %s at %d/s: %s%n  %s%n", LIST, listRate, list.result().summary(), list.cpu());
            System.out.printf("  ceiling, its SQL over JDBC at %d/s: %s%n  %s%n", listRate, listJdbc.result().summary(),
                    listJdbc.cpu());
        }
        if (parts.contains("ryw")) {
            readYourWrites(nodes, rywRate);
        }
        if (parts.contains("catchup")) {
            catchUp(catchup);
        }
    }

    /** An open-loop phase of {@value #SECONDS} s, and the CPU each process of the stack and the client spent on it. */
    private record Phase(OpenLoop.Result result, String cpu) {
    }

    private Phase phase(int rate, java.util.function.IntFunction<String> request) throws Exception {
        Map<String, Duration> before = StackCpu.read(load.data);
        OpenLoop.Result result = OpenLoop.run(rate, rate * SECONDS, 32, request);
        Map<String, Duration> after = StackCpu.read(load.data);
        queries.close();
        commands.close();
        return new Phase(result, StackCpu.line(before, after, result.requests(), "request"));
    }

    private static final String TRIVIAL = "/dashboard/dashboard.css";
    private static final String LIST = "/api/v1/nodes?status=INACTIVE&tier=high_performance&limit=20";

    private String trivial() {
        return status(queries.get(TRIVIAL, Map.of()));
    }

    private String listPage() {
        return status(queries.get(LIST, Map.of("Authorization", "Bearer " + reader)));
    }

    private static String status(LoopbackHttp.Response response) {
        return response.status() == 200 ? null : response.status() + " " + response.body();
    }

    /**
     * Lifecycle commands (activate, deactivate: the cheapest commands that change a view row, one event each) at a
     * fixed rate; each answer's position is read back at once. Reported apart: the command's own latency (from when it
     * was due to its 201) and the 201 -> read-your-writes answer, with the CPU per command of every process.
     */
    private void readYourWrites(List<CommandLoad.BenchNode> nodes, int rate) throws Exception {
        int requests = rate * SECONDS;
        long[] afterCreated = new long[requests];
        // One operator per node: rate limits count per principal, and this measures latency, not the limiter.
        List<String> operators = nodes.stream().map(n -> load.token("OPERATOR", "bench-op-" + n.nodeId(), null)).toList();
        Map<String, Duration> before = StackCpu.read(load.data);
        OpenLoop.Result result = OpenLoop.run(rate, requests, 64, i -> {
            CommandLoad.BenchNode node = nodes.get(i % nodes.size());
            String operator = operators.get(i % nodes.size());
            boolean activate = (i / nodes.size()) % 2 == 0;
            LoopbackHttp.Response answer = commands.post("/api/v1/nodes/" + node.nodeId()
                    + (activate ? "/activate" : "/deactivate"), Map.of("Authorization", "Bearer " + operator));
            long created = System.nanoTime();
            if (answer.status() != 200 && answer.status() != 201) {
                return "command " + answer.status() + " " + answer.body();
            }
            String position = answer.headers().get(Position.HEADER.toLowerCase(java.util.Locale.ROOT));
            if (position == null) {
                return "no position";
            }
            LoopbackHttp.Response read = queries.get("/api/v1/nodes/" + node.nodeId(),
                    Map.of("Authorization", "Bearer " + reader, Position.HEADER, position));
            afterCreated[i] = System.nanoTime() - created;
            String expected = activate ? "\"status\":\"ACTIVE\"" : "\"status\":\"INACTIVE\"";
            return read.status() == 200 && read.body().contains(expected) ? null
                    : "stale read " + read.status() + " " + read.body();
        });
        Map<String, Duration> after = StackCpu.read(load.data);
        queries.close();
        commands.close();
        java.util.Arrays.sort(afterCreated);
        System.out.printf("read-your-writes at %d commands/s: command + read %s%n", rate, result.summary());
        System.out.printf("  201 -> read-your-writes answer: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(afterCreated, 50), percentile(afterCreated, 90), percentile(afterCreated, 99),
                percentile(afterCreated, 100));
        System.out.printf("  %s%n", StackCpu.line(before, after, requests, "command (and its read)"));
    }

    /** Appends synthetic registrations, then times a raw consumer and each read model's replay over its topics. */
    private void catchUp(int events) throws Exception {
        CatchUpBenchmark.ofEnvironment().run(events, 1, ReadModels.all());
    }

    private String getById(List<String> ids) {
        return status(queries.get("/api/v1/nodes/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())),
                Map.of("Authorization", "Bearer " + reader)));
    }

    private String getByIdJdkClient(List<String> ids) {
        return status(get("/api/v1/nodes/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), Map.of()));
    }

    private static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

    private String jdbcById(List<String> ids) {
        return jdbc("SELECT body::text FROM read.view_row WHERE view = 'node' AND id = ? AND NOT deleted",
                ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
    }

    private String jdbcList() {
        return jdbc("SELECT id, version, body::text, id FROM read.view_row WHERE view = 'node' AND NOT deleted"
                + " AND (body ->> 'status') = ? AND (body ->> 'tier') = 'high_performance' ORDER BY id ASC LIMIT 21",
                "INACTIVE");
    }

    private String jdbc(String sql, String parameter) {
        try {
            Connection connection = CONNECTIONS.get();
            if (connection == null) {
                connection = connection();
                CONNECTIONS.set(connection);
            }
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
            }
            return null;
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(query.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + reader);
        headers.forEach(request::header);
        return send(request.GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
