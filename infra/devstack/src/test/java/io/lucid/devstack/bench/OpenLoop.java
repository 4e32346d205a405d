package io.lucid.devstack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: request i is due at start + i / rate, whether or not earlier ones were answered, and its latency
 * is measured from when it was due (not when it was sent), so a stalled server cannot hide its queue (no coordinated
 * omission). Requests run on a bounded pool; the figures say how many were late to start.
 */
final class OpenLoop {

    /** Latencies (ns, sorted), failures and the achieved rate. */
    record Result(Latency latency, int failures, double seconds, int requests, String sampleFailure) {

        double percentileMs(double p) {
            return latency.percentileMs(p);
        }

        String summary() {
            return String.format("%d requests in %.1f s (%.0f/s achieved): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                    + "p99.9 %.2f ms, max %.2f ms; failures %d%s", requests, seconds, requests / seconds,
                    percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), percentileMs(100),
                    failures, failures > 0 ? " (e.g. " + sampleFailure + ")" : "");
        }
    }

    private OpenLoop() {
    }

    /**
     * Runs {@code count} requests at {@code rate} per second on {@code threads} threads; a request returns null when
     * it succeeded, else a description of the failure.
     */
    static Result run(double rate, int count, int threads, IntFunction<String> request) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Latency latencies = new Latency();
        AtomicInteger failures = new AtomicInteger();
        List<String> sample = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        long start = System.nanoTime();
        long interval = (long) (1e9 / rate);
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            all.add(CompletableFuture.runAsync(() -> {
                String failure = request.apply(index);
                latencies.record(System.nanoTime() - due);
                if (failure != null) {
                    failures.incrementAndGet();
                    synchronized (sample) {
                        if (sample.isEmpty()) {
                            sample.add(failure);
                        }
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return new Result(latencies, failures.get(), seconds, count, sample.isEmpty() ? "" : sample.get(0));
    }

}
