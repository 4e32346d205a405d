package io.lucid.devstack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test) of {@code POST /api/v1/nodes} on a running stack ({@code ./lucid up}): registers nodes
 * with real Ed25519 keys from {@code workers} closed-loop clients and prints commands/s and p50/p90/p99 latency
 * on loopback. Each request carries its own admin token, so the per-token rate limit measures nothing here.
 * Arguments: {@code [count=20000] [workers=32] [warm-up=2000]}. Run: {@code ./lucid bench register [count] [workers]}.
 */
public final class RegisterNodeBenchmark {

    private RegisterNodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        CommandLoad load = new CommandLoad();
        BenchReport report = BenchReport.current();
        for (String phase : List.of("warm-up", "measured")) {
            int n = phase.equals("warm-up") ? warmUp : count;
            List<String> bodies = new ArrayList<>(n);
            List<String> tokens = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bodies.add(CommandLoad.registration(load.newNode(phase.charAt(0) + "r", i)));
                tokens.add(load.token("ADMIN", "bench", null));
            }
            BenchReport.Phase measured = report.begin("node registrations over HTTP, " + workers + " workers");
            CommandLoad.Result result = CommandLoad.run(workers, n, i -> load.post("/api/v1/nodes", bodies.get(i), tokens.get(i)));
            if (phase.equals("measured")) {
                measured.end(n, "registrations", result.latency());
            }
            System.out.printf("register node, %s, %d workers: %s%n", phase, workers, result.summary());
        }
        BenchReport.exit(0);
    }
}
