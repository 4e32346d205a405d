package io.lucid.devstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory of the running stack's processes, from the pid files under {@code <data>/run} and, for PostgreSQL,
 * every process of the postmaster's tree. Reported as PSS (proportional set size): memory shared between
 * processes (PostgreSQL's shared buffers, the JDK's mapped files) is split among them instead of being counted
 * once per process, so the total is what the stack really occupies.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static void print(Path dataDir, PrintStream out) throws IOException {
        long total = 0;
        Path run = dataDir.resolve("run");
        try (Stream<Path> pidFiles = Files.list(run)) {
            for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                long kb = pssKb(pid).orElse(0L);
                total += kb;
                out.printf("  %-12s pid %-7d PSS %6.0f MB%n", pidFile.getFileName().toString().replace(".pid", ""), pid, kb / 1024.0);
            }
        }
        Path postmaster = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            long kb = treeRssKb(pid);
            total += kb;
            out.printf("  %-12s pid %-7d PSS %6.0f MB (postmaster and its children)%n", "postgres", pid, kb / 1024.0);
        }
        out.printf("  %-12s              %6.0f MB%n", "total", total / 1024.0);
    }

    private static long treeRssKb(long pid) {
        return ProcessHandle.of(pid).map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                .mapToLong(p -> pssKb(p.pid()).orElse(0L)).sum()).orElse(0L);
    }

    private static Optional<Long> pssKb(long pid) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
            return status.stream().filter(line -> line.startsWith("Pss:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
