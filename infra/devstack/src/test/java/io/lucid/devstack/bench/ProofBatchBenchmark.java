package io.lucid.devstack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test) of {@code POST /api/v1/poot/proofs/batch} on a running stack ({@code ./lucid up}):
 * registers nodes (untimed), signs their proofs for the current window up front, then sends batches of
 * {@code size} proofs (each batch spanning many nodes, as a relay operator's admin token would) from
 * {@code workers} closed-loop clients, and prints proofs/s, batches/s and the batch latency on loopback, and the CPU
 * per proof of every process. Every proof must come back 201. Arguments: {@code [batches=300] [size=1000]
 * [workers=4]}. Run: {@code ./lucid bench proof-batch}.
 */
public final class ProofBatchBenchmark {

    private ProofBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        CommandLoad load = new CommandLoad();
        BenchReport report = BenchReport.current();
        for (String phase : List.of("warm-up", "measured")) {
            int n = phase.equals("warm-up") ? Math.max(1, batches / 10) : batches;
            measure(load, report, phase, n, size, workers);
        }
        BenchReport.exit(0);
    }

    /**
     * One phase of {@code n} batches: nodes registered and proofs signed (untimed), then sent; the measured phase is
     * a row of the report (per-batch latency, CPU per proof). Returns that row.
     */
    static BenchReport.Row measure(CommandLoad load, BenchReport report, String phase, int n, int size, int workers)
            throws InterruptedException {
        int proofs = n * size;
        int nodes = (proofs + TaskProofBenchmark.SLOTS * 4 - 1) / (TaskProofBenchmark.SLOTS * 4);
        List<CommandLoad.BenchNode> registered = load.registerNodes(phase.charAt(0) + "b", nodes);
        List<String> signed = CommandLoad.proofs(registered, TaskProofBenchmark.SLOTS);
        List<String> bodies = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            bodies.add("{\"proofs\":[" + String.join(",", signed.subList(b * size, (b + 1) * size)) + "]}");
        }
        String admin = load.token("ADMIN", "bench-batch", null);
        int[] refused = new int[1];
        BenchReport.Phase measured = report.begin("proof batches of " + size + " over HTTP, " + workers
                + " workers (latency per batch)");
        CommandLoad.Result result = CommandLoad.run(workers, n, i -> {
            CommandLoad.Answer answer = load.post("/api/v1/poot/proofs/batch", bodies.get(i), admin);
            if (answer.status() == 200 && !answer.body().contains("\"rejected\":0")) {
                synchronized (refused) {
                    refused[0]++;
                }
                return new CommandLoad.Answer(-2, answer.body().substring(0, Math.min(400, answer.body().length())));
            }
            return answer;
        });
        BenchReport.Row row = phase.equals("measured") ? measured.end(proofs, "proofs", result.latency()) : null;
        System.out.printf("proof batch of %d, %s, %d nodes, %d workers: %.0f proofs/s; per batch %s%n", size, phase,
                nodes, workers, proofs / result.seconds(), result.summary());
        if (result.failures() > 0) {
            System.out.printf("  %d batches with refusals, e.g. %s%n", refused[0], result.sampleFailure());
        }
        return row;
    }
}
