package io.lucid.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time the stack's processes spent, read from {@code /proc/<pid>/stat}, for the pid files under
 * {@code <data>/run}, PostgreSQL's postmaster with its children, the benchmark's own JVM ("client") and the tools it
 * forked and reaped ("tools": pgbench, Kafka's perf tools): divided by the operations of a phase, a figure that does not
 * depend on how busy the machine is, and that shows when the load generator shares the cores with what it measures.
 * PostgreSQL's count includes the backends that exited during the phase (the postmaster's reaped children), which a
 * sum over the live processes would lose.
 */
final class StackCpu {

    static final String CLIENT = "client";
    static final String TOOLS = "tools";

    /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    private static final long TICK_NANOS = 1_000_000_000L / 100;

    /** Processes a benchmark forked as part of what it measures (a peer), counted under their own names. */
    private static final Map<String, Long> WATCHED = new java.util.concurrent.ConcurrentHashMap<>();

    private StackCpu() {
    }

    /** Counts process {@code pid} as {@code name} in every reading from now on (a peer the benchmark started). */
    static void watch(String name, long pid) {
        WATCHED.put(name, pid);
    }

    static void unwatch(String name) {
        WATCHED.remove(name);
    }

    static Map<String, Duration> read(Path data) throws IOException {
        Map<String, Duration> cpu = new TreeMap<>();
        Path run = data.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> pidFiles = Files.list(run)) {
                for (Path pidFile : pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    cpu.put(pidFile.getFileName().toString().replace(".pid", ""), Duration.ofNanos(nanos(pid, false)));
                }
            }
        }
        Path postmaster = data.resolve("postgres").resolve("postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            cpu.put("postgres", Duration.ofNanos(treeNanos(pid)));
        }
        WATCHED.forEach((name, pid) -> cpu.put(name, Duration.ofNanos(nanos(pid, false))));
        long self = ProcessHandle.current().pid();
        cpu.put(CLIENT, Duration.ofNanos(nanos(self, false)));
        cpu.put(TOOLS, Duration.ofNanos(nanos(self, true) - nanos(self, false)));
        return cpu;
    }

    /**
     * Waits until the stack's processes together use less than {@code cores} for three seconds in a row (work left
     * from a load, such as stream processors digesting it, would otherwise be counted in the next phase), or until
     * {@code timeout}; returns the seconds waited.
     */
    static double awaitQuiet(Path data, double cores, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int quietSeconds = 0;
        Map<String, Duration> before = read(data);
        while (quietSeconds < 3 && System.nanoTime() - start < timeout.toNanos()) {
            Thread.sleep(1_000);
            Map<String, Duration> after = read(data);
            long busy = 0;
            for (Map.Entry<String, Duration> process : after.entrySet()) {
                if (!process.getKey().equals(CLIENT) && !process.getKey().equals(TOOLS)) {
                    busy += process.getValue().minus(before.getOrDefault(process.getKey(), Duration.ZERO)).toNanos();
                }
            }
            quietSeconds = busy < cores * 1e9 ? quietSeconds + 1 : 0;
            before = after;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** User + system CPU of a process in nanoseconds, 0 when it is gone; with its reaped children when asked. */
    static long nanos(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name "(...)": state is [0], utime [11], stime [12], cutime [13], cstime [14].
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User + system CPU of thread {@code tid} of process {@code pid} in nanoseconds, 0 when it is gone. */
    static long threadNanos(long pid, long tid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process and its live descendants, plus the children it reaped (PostgreSQL's exited backends). */
    static long treeNanos(long pid) {
        return nanos(pid, true) + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(p -> nanos(p.pid(), false)).sum();
    }

    /** Microseconds of CPU per operation of each process between two readings. */
    static Map<String, Long> perOperation(Map<String, Duration> before, Map<String, Duration> after, long operations) {
        Map<String, Long> micros = new TreeMap<>();
        after.forEach((name, total) -> micros.put(name,
                total.minus(before.getOrDefault(name, Duration.ZERO)).toNanos() / 1000 / Math.max(1, operations)));
        return micros;
    }

    /** The sum over the stack's processes (not the client, not the tools). */
    static long stackTotal(Map<String, Long> perOperation) {
        return perOperation.entrySet().stream().filter(e -> !e.getKey().equals(CLIENT) && !e.getKey().equals(TOOLS))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** One line: {@code CPU per <unit>: name N us, ..., stack total N us} (the client is not part of the total). */
    static String line(Map<String, Duration> before, Map<String, Duration> after, long operations, String unit) {
        Map<String, Long> perOperation = perOperation(before, after, operations);
        StringBuilder line = new StringBuilder("CPU per " + unit + ":");
        for (Map.Entry<String, Long> entry : perOperation.entrySet()) {
            if (!entry.getKey().equals(TOOLS) || entry.getValue() > 0) {
                line.append(String.format(" %s %d us,", entry.getKey(), entry.getValue()));
            }
        }
        return line.append(String.format(" stack total %d us", stackTotal(perOperation))).toString();
    }
}
