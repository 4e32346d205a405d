package io.lucid.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark kit's own arithmetic: percentiles, CPU from /proc, per-operation division, the Markdown table. */
class BenchKitTest {

    @TempDir
    Path dir;

    @Test
    void percentilesOfAKnownDistributionWithinTheHistogramsPrecision() {
        Latency latency = Latency.ofNanos(LongStream.rangeClosed(1, 10_000).map(i -> i * 1_000_000L).toArray());
        assertThat(latency.count()).isEqualTo(10_000);
        assertThat(latency.percentileMs(50)).isCloseTo(5_000, within(5.0));
        assertThat(latency.percentileMs(99)).isCloseTo(9_900, within(10.0));
        assertThat(latency.percentileMs(99.9)).isCloseTo(9_990, within(10.0));
        assertThat(latency.percentileMs(100)).isCloseTo(10_000, within(10.0));
        assertThat(new Latency().percentileMs(50)).isNaN();
    }

    @Test
    void cpuOfABusyChildIsReadFromProcAndCountedOnceItIsReaped() throws Exception {
        long self = ProcessHandle.current().pid();
        long reapedBefore = StackCpu.nanos(self, true) - StackCpu.nanos(self, false);
        Process busy = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        assertThat(busy.waitFor()).isZero();
        long reapedAfter = StackCpu.nanos(self, true) - StackCpu.nanos(self, false);
        assertThat(reapedAfter - reapedBefore).isPositive();
        assertThat(StackCpu.nanos(Long.MAX_VALUE, false)).isZero();
    }

    @Test
    void aWatchedPeerIsReadUnderItsNameAndAThreadByItsId() throws Exception {
        Process peer = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 5")
                .start();
        try {
            StackCpu.watch("peer", peer.pid());
            long busy = 0;
            for (int i = 0; i < 100 && busy == 0; i++) {
                Thread.sleep(50);
                busy = StackCpu.read(dir).getOrDefault("peer", Duration.ZERO).toNanos();
            }
            assertThat(busy).isPositive();
            StackCpu.unwatch("peer");
            assertThat(StackCpu.read(dir)).doesNotContainKey("peer");
        } finally {
            peer.destroy();
        }
        // A thread that spins for 300 ms and then waits, found by its kernel name among this JVM's tasks.
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kit-spinner");
        spinner.start();
        spun.await();
        long self = ProcessHandle.current().pid();
        long spinnerNanos = -1;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(self), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).trim().equals("kit-spinner")) {
                    spinnerNanos = StackCpu.threadNanos(self, Long.parseLong(task.getFileName().toString()));
                }
            }
        } finally {
            done.countDown();
        }
        // 300 ms of wall time spinning; on a loaded machine it gets a share of that, and ticks are 10 ms.
        assertThat(spinnerNanos).isPositive();
        assertThat(StackCpu.threadNanos(self, Long.MAX_VALUE)).isZero();
    }

    @Test
    void theRelaysPeerStaysOffEveryRuntimeClasspath() throws Exception {
        // The build writes both files before the tests run: the Axon Kafka extension is the benchmark's peer only.
        Path target = Path.of("target");
        assertThat(Files.readString(target.resolve("test-classpath.txt"))).contains("axon-kafka-4.9.0.jar");
        assertThat(Files.readString(target.resolve("classpath.txt"))).doesNotContain("axon-kafka");
    }

    @Test
    void perOperationDividesEachProcessAndTheTotalLeavesOutClientAndTools() throws Exception {
        Files.createDirectories(dir.resolve("run"));
        Map<String, Duration> before = Map.of("command-api", Duration.ofMillis(100), "kafka", Duration.ofMillis(50),
                StackCpu.CLIENT, Duration.ZERO, StackCpu.TOOLS, Duration.ZERO);
        Map<String, Duration> after = Map.of("command-api", Duration.ofMillis(300), "kafka", Duration.ofMillis(150),
                StackCpu.CLIENT, Duration.ofMillis(1000), StackCpu.TOOLS, Duration.ofMillis(500));
        Map<String, Long> perOp = StackCpu.perOperation(before, after, 1_000);
        assertThat(perOp).containsEntry("command-api", 200L).containsEntry("kafka", 100L)
                .containsEntry(StackCpu.CLIENT, 1000L);
        assertThat(StackCpu.stackTotal(perOp)).isEqualTo(300);
        assertThat(StackCpu.read(dir)).containsKeys(StackCpu.CLIENT, StackCpu.TOOLS);
    }

    @Test
    void theMarkdownNamesCommandCommitLoadAndRatios() {
        // The report is written when this JVM ends: into the temporary directory, not the checkout.
        System.setProperty("lucid.data", dir.toString());
        System.setProperty("lucid.bench.results", dir.resolve("results.md").toString());
        System.setProperty("lucid.bench.plots", dir.resolve("plots").toString());
        BenchReport report = BenchReport.start("kit-test", "1", "2");
        BenchReport.Row ours = report.add("ours", 500, 1.0, "proofs", Latency.ofNanos(new long[] {2_000_000}),
                Map.of("postgres", 40L, StackCpu.CLIENT, 7L));
        BenchReport.Row ceiling = report.add("ceiling", 2_000, 1.0, "rows", null, Map.of("postgres", 10L));
        report.compare("store", ours, ceiling);
        String markdown = report.markdown("0.5 0.4 0.3 1/100 1");
        assertThat(markdown).contains("`./lucid bench kit-test 1 2` at commit `")
                .contains("| ours | 500 proofs | 500/s | 2.00 | 2.00 | 2.00 | 40 | postgres 40 | 7 |")
                .contains("| store | ours: 500.0 proofs/s | ceiling: 2,000.0 proofs/s | 0.25 |")
                .contains("after `0.5 0.4 0.3 1/100 1`");
    }
}
