package io.lucid.devstack.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost as the history grows (issue 13, item 4), against the stack of {@code ./lucid up} (one you can throw away: it
 * writes millions of synthetic node events). For each store size of {@code sizes}, in order:
 * <ol>
 *   <li>tops {@code domain_event_entry} up to that size ({@link StoreGrowth}: node histories by {@code COPY}, ten
 *   events a node) and times the relay publishing the new events and the live projections applying them: the
 *   catch-up rates at that size;</li>
 *   <li>adds, for each history length of {@code histories}, {@code probes} fresh nodes with that many events (a
 *   registration and status changes), so every size gets aggregates command-api has never loaded;</li>
 *   <li>per history length: the ceiling, a plain JDBC read of each probe's events in sequence order (what Axon's
 *   event store reads to source the aggregate), then an activate or deactivate of each probe over HTTP at
 *   {@code rate} per second, open loop. Node aggregates are neither cached nor snapshotted in command-api, so each
 *   command sources its aggregate from the store: the command's latency over the history length is the aggregate's
 *   load time.</li>
 * </ol>
 * Usage: {@code ./lucid bench scale [sizes=1000000] [histories=1,100,1000] [probes=100] [rate=20]}; a size the store
 * already holds adds nothing, so {@code sizes=0,1000000} measures the current store first.
 */
public final class ScaleBenchmark {

    private static final String READ_AGGREGATE = "SELECT sequence_number, payload, meta_data FROM domain_event_entry"
            + " WHERE aggregate_identifier = ? AND sequence_number >= 0 ORDER BY sequence_number";

    /** What an idle stack burns, about 0.3 of a core (docs/benchmarks.md), with room for noise. */
    private static final double QUIET_CORES = 0.5;

    private final CommandLoad load = new CommandLoad();
    private final StoreGrowth store = new StoreGrowth();
    private final BenchReport report = BenchReport.current();

    private ScaleBenchmark() throws java.io.IOException {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        long[] sizes = numbers(options.getOrDefault("sizes", "1000000"));
        long[] histories = numbers(options.getOrDefault("histories", "1,100,1000"));
        int probes = Integer.parseInt(options.getOrDefault("probes", "100"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "20"));
        ScaleBenchmark bench = new ScaleBenchmark();
        System.out.printf("scale benchmark, load average %s%n", CommandLoad.load());
        // The first commands of a fresh stack run in the interpreter: a warm-up set, not reported.
        bench.probe(null, 1, Math.max(probes, 200), rate * 2);
        for (long size : sizes) {
            bench.atSize(size, histories, probes, rate);
        }
        System.out.printf("load average at the end: %s%n", CommandLoad.load());
        BenchReport.exit(0);
    }

    private void atSize(long size, long[] histories, int probes, double rate) throws Exception {
        StoreGrowth.Growth growth = store.topUp(size);
        long stored;
        String tableSize;
        try (Connection connection = store.connection()) {
            stored = StoreGrowth.count(connection, "SELECT count(*) FROM domain_event_entry");
            tableSize = text(connection, "SELECT pg_size_pretty(pg_total_relation_size('domain_event_entry'))");
        }
        String at = stored >= 1_000_000 ? String.format("%.1fM events", stored / 1e6)
                : String.format("%,dk events", Math.round(stored / 1e3));
        report.note(String.format("%s: domain_event_entry holds %,d events, %s with its indexes", at, stored,
                tableSize));
        if (growth.written() > 0) {
            report.note(String.format("%s: COPY of %,d events at %.0f/s; the relay published them at %.0f events/s"
                    + " and the live projections applied them at %.0f events/s (both from the end of the COPY)", at,
                    growth.written(), growth.copyRate(), growth.relayRate(), growth.projectionRate()));
        }
        for (long history : histories) {
            probe(at, (int) history, probes, rate);
        }
    }

    /**
     * Fresh nodes of {@code history} events: their JDBC read, then one command each over HTTP; measured at store size
     * {@code at}, or a warm-up when that is null.
     */
    private void probe(String at, int history, int probes, double rate) throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        List<String> nodes = new ArrayList<>(probes);
        try (Connection connection = store.connection()) {
            SyntheticEventStore.load(connection, run, probes, history - 1, 50_000);
            for (int n = 0; n < probes; n++) {
                nodes.add(SyntheticEventStore.nodeId(run, n));
            }
            // The relay, the projections and the stream processors take the new histories in before any figure, and
            // the table's statistics are fresh (autovacuum would analyse it during the measured phase otherwise).
            store.topUp(0);
            try (Statement analyse = connection.createStatement()) {
                analyse.execute("VACUUM ANALYZE domain_event_entry");
            }
            double waited = StackCpu.awaitQuiet(load.data, QUIET_CORES, Duration.ofMinutes(5));
            System.out.printf("the stack was quiet %.0f s after the probes' histories reached the read models%n",
                    waited);
            Latency reads = new Latency();
            BenchReport.Phase read = report.begin(at + ": JDBC read, " + history + "-event history (ceiling)");
            try (PreparedStatement select = connection.prepareStatement(READ_AGGREGATE)) {
                select.setFetchSize(history + 1);
                for (String node : nodes) {
                    long start = System.nanoTime();
                    select.setString(1, node);
                    int rows = 0;
                    try (ResultSet events = select.executeQuery()) {
                        while (events.next()) {
                            events.getBytes(2);
                            events.getBytes(3);
                            rows++;
                        }
                    }
                    reads.record(System.nanoTime() - start);
                    if (rows != history) {
                        throw new IllegalStateException(node + " has " + rows + " events, expected " + history);
                    }
                }
            }
            if (at != null) {
                read.end(probes, "reads", reads);
            }
        }
        // A registration leaves a node INACTIVE; status changes alternate ACTIVE, INACTIVE, ... after it.
        String command = history % 2 == 0 ? "/deactivate" : "/activate";
        List<String> tokens = nodes.stream().map(n -> load.token("OPERATOR", "bench-op-" + n, null)).toList();
        BenchReport.Phase commands = report.begin(at + ": " + command.substring(1) + ", " + history
                + "-event history, HTTP " + Math.round(rate) + "/s");
        OpenLoop.Result result = OpenLoop.run(rate, probes, 16, i -> {
            CommandLoad.Answer answer = load.post("/api/v1/nodes/" + nodes.get(i) + command, "", tokens.get(i));
            return answer.status() / 100 == 2 ? null : answer.status() + " " + answer.body();
        });
        if (at != null) {
            commands.end(probes - result.failures(), "commands", result.latency());
        }
        if (result.failures() > 0) {
            throw new IllegalStateException(result.failures() + " of " + probes + " commands failed, e.g. "
                    + result.sampleFailure());
        }
    }

    private static String text(Connection connection, String sql) throws java.sql.SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long[] numbers(String list) {
        return Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
