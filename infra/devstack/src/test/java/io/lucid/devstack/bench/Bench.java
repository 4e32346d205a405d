package io.lucid.devstack.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./lucid bench <name> [args]}: runs one benchmark program inside a report ({@link BenchReport}: machine,
 * commit, load average, CPU per process, Markdown results, plots). {@code ./lucid bench all} runs a short version of
 * every benchmark in sequence, each in a JVM of its own (they end with {@code System.exit}, and one benchmark's
 * threads or heap must not weigh on the next), and prints which ones failed.
 */
public final class Bench {

    /** A benchmark: its program and the arguments of its short version in {@code all}. */
    private record Program(Class<?> main, String[] shortArgs) {
    }

    private static final Map<String, Program> PROGRAMS = new LinkedHashMap<>();

    static {
        // The order of `all`: peers and ceilings first, then the command side, the end-to-end paths, the read side;
        // those that append synthetic events or start brokers of their own last.
        PROGRAMS.put("ceilings", new Program(CeilingsBenchmark.class, new String[] {"30", "1000", "4", "10"}));
        PROGRAMS.put("tracing", new Program(TracingBenchmark.class, new String[] {"50000", "5"}));
        PROGRAMS.put("proof-batch", new Program(ProofBatchBenchmark.class, new String[] {"30", "1000", "4"}));
        PROGRAMS.put("proofs", new Program(TaskProofBenchmark.class, new String[] {"4000", "16"}));
        PROGRAMS.put("register", new Program(RegisterNodeBenchmark.class, new String[] {"2000", "16", "300"}));
        PROGRAMS.put("chunks", new Program(ChunkThroughputBenchmark.class, new String[] {"60", "8", "10"}));
        PROGRAMS.put("score-latency", new Program(ScoreLatencyBenchmark.class, new String[] {"1000", "200"}));
        PROGRAMS.put("slice", new Program(SliceLatencyBenchmark.class, new String[] {"300", "100"}));
        PROGRAMS.put("query", new Program(QueryBenchmark.class, new String[] {"500", "200", "50", "50", "5000"}));
        PROGRAMS.put("catchup", new Program(CatchUpBenchmark.class, new String[] {"20000", "1"}));
        PROGRAMS.put("ws", new Program(WsBenchmark.class, new String[] {"clients=200", "seconds=5", "commands=100",
            "command_nodes=100", "drain=20"}));
        PROGRAMS.put("replay", new Program(ReplayBenchmark.class, new String[] {"20000"}));
        PROGRAMS.put("streams", new Program(StreamsThroughputBenchmark.class, new String[] {"20000", "200",
            "eos:100:1", "200"}));
        PROGRAMS.put("scale", new Program(ScaleBenchmark.class, new String[] {"sizes=0,20000", "histories=1,100",
            "probes=20"}));
        PROGRAMS.put("serializer", new Program(SerializerBenchmark.class, new String[] {"20000", "3"}));
        PROGRAMS.put("relay-peer", new Program(RelayPeerBenchmark.class, new String[] {"3", "200,1000", "2000"}));
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("all") || PROGRAMS.containsKey(args[0]))) {
            System.err.println("usage: ./lucid bench <name> [args] | all [name...]; names: " + PROGRAMS.keySet());
            System.exit(2);
        }
        String name = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (name.equals("all")) {
            System.exit(all(rest.length == 0 ? List.copyOf(PROGRAMS.keySet()) : List.of(rest)));
        }
        BenchReport report = BenchReport.start(name, rest);
        int status = 0;
        try {
            PROGRAMS.get(name).main().getMethod("main", String[].class).invoke(null, (Object) rest);
        } catch (java.lang.reflect.InvocationTargetException e) {
            e.getCause().printStackTrace();
            status = 1;
        }
        report.finish();
        System.exit(status);
    }

    /** Runs the short version of each named benchmark in its own JVM; returns 0 when every one succeeded. */
    private static int all(List<String> names) throws Exception {
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            Program program = PROGRAMS.get(name);
            if (program == null) {
                throw new IllegalArgumentException("unknown benchmark " + name + "; names: " + PROGRAMS.keySet());
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
            System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("lucid."))
                    .forEach(p -> command.add("-D" + p + "=" + System.getProperty(p)));
            command.add(Bench.class.getName());
            command.add(name);
            command.addAll(List.of(program.shortArgs()));
            System.out.printf("%n==== ./lucid bench %s %s%n", name, String.join(" ", program.shortArgs()));
            int status = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (status != 0) {
                failed.add(name + " (exit " + status + ")");
            }
        }
        System.out.printf("%n==== all: %d of %d benchmarks succeeded%s%n", names.size() - failed.size(), names.size(),
                failed.isEmpty() ? "" : "; failed: " + failed);
        return failed.isEmpty() ? 0 : 1;
    }
}
