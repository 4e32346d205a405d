package io.lucid.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time the stack's processes spent, from the pid files under {@code <data>/run} and PostgreSQL's postmaster with
 * its children, and the benchmark's own JVM ("client"): divided by the operations of a phase, a figure that does not
 * depend on how busy the machine is, and that shows when the load generator shares the cores with what it measures.
 */
final class StackCpu {

    static final String CLIENT = "client";

    private StackCpu() {
    }

    static Map<String, Duration> read(Path data) throws IOException {
        Map<String, Duration> cpu = new TreeMap<>();
        try (Stream<Path> pidFiles = Files.list(data.resolve("run"))) {
            for (Path pidFile : pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                cpu.put(pidFile.getFileName().toString().replace(".pid", ""), cpuOf(ProcessHandle.of(pid).stream()));
            }
        }
        Path postmaster = data.resolve("postgres").resolve("postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            cpu.put("postgres", cpuOf(ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p),
                    p.descendants()))));
        }
        cpu.put(CLIENT, cpuOf(Stream.of(ProcessHandle.current())));
        return cpu;
    }

    private static Duration cpuOf(Stream<ProcessHandle> processes) {
        return processes.map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    /** Microseconds of CPU per operation of each process between two readings. */
    static Map<String, Long> perOperation(Map<String, Duration> before, Map<String, Duration> after, long operations) {
        Map<String, Long> micros = new TreeMap<>();
        after.forEach((name, total) -> micros.put(name,
                total.minus(before.getOrDefault(name, Duration.ZERO)).toNanos() / 1000 / Math.max(1, operations)));
        return micros;
    }

    /** One line: {@code CPU per <unit>: name N us, ..., stack total N us} (the client is not part of the total). */
    static String line(Map<String, Duration> before, Map<String, Duration> after, long operations, String unit) {
        long total = 0;
        StringBuilder line = new StringBuilder("CPU per " + unit + ":");
        for (Map.Entry<String, Long> entry : perOperation(before, after, operations).entrySet()) {
            if (!entry.getKey().equals(CLIENT)) {
                total += entry.getValue();
            }
            line.append(String.format(" %s %d us,", entry.getKey(), entry.getValue()));
        }
        return line.append(String.format(" stack total %d us", total)).toString();
    }
}
