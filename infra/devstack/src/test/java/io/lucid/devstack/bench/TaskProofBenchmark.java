package io.lucid.devstack.bench;

import java.util.List;

/**
 * Benchmark (not a test) of {@code POST /api/v1/poot/proofs} on a running stack ({@code ./lucid up}): registers
 * enough nodes (untimed), signs their proofs for the current window up front with their Ed25519 keys, then sends
 * them one per request from {@code workers} closed-loop clients, each with its node's NODE token, and prints
 * proofs/s and p50/p90/p99 latency on loopback. Consecutive proofs belong to different nodes, so no node comes near
 * its 1,000 proofs/min limit. Arguments: {@code [count=60000] [workers=32]}. Run: {@code ./lucid bench proofs}.
 */
public final class TaskProofBenchmark {

    /** Proofs per node: 30 slots of the window times four types, so no proof id repeats. */
    static final int SLOTS = 25;

    private TaskProofBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        CommandLoad load = new CommandLoad();
        BenchReport report = BenchReport.current();
        for (String phase : List.of("warm-up", "measured")) {
            int n = phase.equals("warm-up") ? Math.max(1, count / 10) : count;
            int nodes = (n + SLOTS * 4 - 1) / (SLOTS * 4);
            List<CommandLoad.BenchNode> registered = load.registerNodes(phase.charAt(0) + "p", nodes);
            List<String> proofs = CommandLoad.proofs(registered, SLOTS);
            int perNode = SLOTS * 4;
            BenchReport.Phase measured = report.begin("single signed proofs over HTTP, " + workers + " workers");
            CommandLoad.Result result = CommandLoad.run(workers, n,
                    i -> load.post("/api/v1/poot/proofs", proofs.get(i), registered.get(i % registered.size()).token()));
            if (phase.equals("measured")) {
                measured.end(n, "proofs", result.latency());
            }
            System.out.printf("submit task proof (signed), %s, %d nodes x up to %d proofs, %d workers: %s%n", phase, nodes,
                    perNode, workers, result.summary());
            if (result.failures() > 0) {
                System.out.printf("  first refusal: %s%n", result.sampleFailure());
            }
        }
        BenchReport.exit(0);
    }
}
