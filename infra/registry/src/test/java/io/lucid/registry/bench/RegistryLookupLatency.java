package io.lucid.registry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency of {@code GET /schemas/ids/{id}} at a fixed arrival rate (open loop). Request i is due at
 * {@code start + i / rate}; its latency runs from that due time, not from when a thread got round to sending it, so a
 * stall shows up in the percentiles instead of silently lowering the load (no coordinated omission).
 */
final class RegistryLookupLatency {

    /** Percentiles in microseconds, and the rate actually achieved. */
    record Result(double p50, double p90, double p99, double p999, double max, double achievedPerSecond, int errors) {
    }

    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RegistryLookupLatency(URI registry, int schemaId) {
        this.target = registry.resolve("/schemas/ids/" + schemaId);
    }

    Result run(int perSecond, int seconds, int threads) throws InterruptedException {
        int total = perSecond * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime() + 10_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * intervalNanos;
                    waitUntil(due);
                    if (!fetch()) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - due;
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(micros(latencies, 0.50), micros(latencies, 0.90), micros(latencies, 0.99),
                micros(latencies, 0.999), latencies[total - 1] / 1e3, total / elapsed, errors.get());
    }

    private boolean fetch() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(target).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 && response.body().length > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 200_000) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait - 100_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e3;
    }
}
