package io.lucid.devstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every benchmark run records beside its figures: the machine (cores, memory, JDK), the load average, and the
 * commit of the code measured. Figures from a shared machine mean little without the load, and nothing without the
 * commit.
 */
final class Machine {

    private Machine() {
    }

    /** {@code /proc/loadavg}: the 1, 5 and 15 minute load averages, runnable/total tasks, last pid. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The 1-minute load average, or NaN. */
    static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** "2 cores, 7.8 GiB, OpenJDK 64-Bit Server VM 17.0.x, Linux 6.x". */
    static String describe() {
        return String.format("%d cores, %.1f GiB memory, %s %s, %s %s", Runtime.getRuntime().availableProcessors(),
                memTotalKb() / 1024.0 / 1024.0, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static long memTotalKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as 0
        }
        return 0;
    }

    /** The short commit id of the checkout, with "+changes" when the work tree differs from it. */
    static String commit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "+changes";
    }

    private static String git(String... args) {
        try {
            Process git = new ProcessBuilder(concat("git", args)).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static List<String> concat(String first, String[] rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }
}
