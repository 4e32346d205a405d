package io.lucid.devstack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit hash chain's cost per command: the same command load against a command-api of its own (forked like the
 * stack's, on the stack's database and Kafka) with the chain statement ({@code ChainedAppendStatement}) and with
 * Axon's plain append ({@code LUCID_EVENT_CHAIN_ENABLED=false}), alternating, {@code runs} times each. A run registers
 * {@code nodes} nodes (sequence 0: no previous hash to read) and then activates, deactivates and activates each
 * (sequences 1-3: the previous hash is read in the append's transaction), after a warm-up of the same shape.
 * Measured per command: the CPU time of that command-api and of PostgreSQL (postmaster and every child, so the
 * relay's decoding of the appended WAL is in it), from {@code /proc}, and the latency p50/p99.
 */
final class ChainCost {

    private final CommandLoad load;
    private final Map<String, String> stackEnvironment;
    private final Path root;

    ChainCost(CommandLoad load, Map<String, String> stackEnvironment) {
        this.load = load;
        this.stackEnvironment = stackEnvironment;
        Path here = Path.of("").toAbsolutePath();
        this.root = Files.isDirectory(here.resolve("command-api")) ? here : here.getParent().getParent();
    }

    record Figures(String variant, double commandApiUs, double postgresUs, double p50Ms, double p99Ms, double rate) {
    }

    List<Figures> run(int runs, int nodes, int workers) throws Exception {
        List<Figures> all = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            for (boolean chained : new boolean[] {true, false}) {
                Figures figures = once(chained, nodes, workers, r);
                System.out.printf("  chain %s, run %d: command-api %.0f us + PostgreSQL %.0f us CPU per command;"
                                + " p50 %.2f ms, p99 %.2f ms, %.0f commands/s (load %s)%n", figures.variant(), r + 1,
                        figures.commandApiUs(), figures.postgresUs(), figures.p50Ms(), figures.p99Ms(), figures.rate(),
                        CommandLoad.load());
                all.add(figures);
            }
        }
        return all;
    }

    private Figures once(boolean chained, int nodes, int workers, int run) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = start(chained, port);
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(base, process);
            String prefix = (chained ? "c" : "p") + run;
            commands(base, prefix + "w", nodes, workers);
            long postgresBefore = postgresCpuNanos();
            long apiBefore = cpuNanos(process.toHandle());
            Measured measured = commands(base, prefix + "m", nodes, workers);
            double seconds = measured.elapsedNanos() / 1e9;
            long apiCpu = cpuNanos(process.toHandle()) - apiBefore;
            long postgresCpu = postgresCpuNanos() - postgresBefore;
            long commands = measured.latency().count();
            return new Figures(chained ? "on" : "off", apiCpu / 1e3 / commands, postgresCpu / 1e3 / commands,
                    measured.latency().percentileMs(50), measured.latency().percentileMs(99), commands / seconds);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The latencies of a measured run of commands and the time it took. */
    private record Measured(Latency latency, long elapsedNanos) {
    }

    /** Registers {@code nodes} nodes, then three lifecycle commands each. */
    private Measured commands(URI base, String prefix, int nodes, int workers) throws Exception {
        List<CommandLoad.BenchNode> created = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            created.add(load.newNode("ch" + load.run + prefix, i));
        }
        String admin = load.token("ADMIN", "bench-chain", null);
        Latency latency = new Latency();
        long start = System.nanoTime();
        latency.add(check(CommandLoad.run(workers, nodes, i -> load.post(base, "/api/v1/nodes",
                CommandLoad.registration(created.get(i)), admin))));
        for (String action : List.of("activate", "deactivate", "activate")) {
            latency.add(check(CommandLoad.run(workers, nodes, i -> load.post(base,
                    "/api/v1/nodes/" + created.get(i).nodeId() + "/" + action, "{}", admin))));
        }
        return new Measured(latency, System.nanoTime() - start);
    }

    private static Latency check(CommandLoad.Result result) {
        if (result.failures() > 0) {
            throw new IllegalStateException(result.failures() + " commands failed, e.g. " + result.sampleFailure());
        }
        return result.latency();
    }

    private Process start(boolean chained, int port) throws IOException {
        Path module = root.resolve("command-api");
        String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(module.resolve("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(io.lucid.devstack.StackConfig.SERVICE_JVM_OPTIONS);
        command.addAll(List.of("-cp", classpath, "io.lucid.command.Application"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(load.data.resolve("logs").resolve("bench-chain-command-api.log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(stackEnvironment);
        env.put("LUCID_COMMAND_PORT", Integer.toString(port));
        env.put("LUCID_EVENT_CHAIN_ENABLED", Boolean.toString(chained));
        return builder.start();
    }

    private void awaitHealthy(URI base, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the benchmark's command-api exited; see logs/bench-chain-command-api.log");
            }
            try {
                HttpResponse<Void> health = load.http.send(HttpRequest.newBuilder(base.resolve("/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the benchmark's command-api did not become healthy");
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    /**
     * PostgreSQL's CPU so far: the postmaster's own and its reaped children's ({@code /proc/<pid>/stat} utime, stime,
     * cutime, cstime), plus every live child's. A sum over live children alone drops when a backend exits.
     */
    private long postgresCpuNanos() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(load.data.resolve("postgres").resolve("postmaster.pid")).get(0)
                .trim());
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state is field 3, so utime..cstime (14-17) are at 11-14 here.
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(fields[i]);
        }
        long own = ticks * 10_000_000L; // USER_HZ = 100 on Linux
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(ChainCost::cpuNanos).sum();
    }

    /** Medians of each variant's runs. */
    static Map<String, Figures> medians(List<Figures> all) {
        Map<String, Figures> medians = new LinkedHashMap<>();
        for (String variant : List.of("on", "off")) {
            List<Figures> runs = all.stream().filter(f -> f.variant().equals(variant)).toList();
            medians.put(variant, new Figures(variant, median(runs, Figures::commandApiUs),
                    median(runs, Figures::postgresUs), median(runs, Figures::p50Ms), median(runs, Figures::p99Ms),
                    median(runs, Figures::rate)));
        }
        return medians;
    }

    private static double median(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> field) {
        double[] values = runs.stream().mapToDouble(field).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
