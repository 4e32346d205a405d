package io.lucid.devstack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end latency benchmarks share: per item, the time from a start instant (request sent, 201 read) to
 * the item's arrival downstream (a WebSocket frame, a record on a topic), as a sorted list and its percentiles.
 */
final class Arrivals {

    private Arrivals() {
    }

    /**
     * Per key, arrival minus start in nanoseconds, sorted; keys that never arrived are left out. The client may read
     * a 201 after the arrival (both race on this machine's two cores): those count as 0, the arrival was not late.
     */
    static List<Long> latencies(Map<String, Long> start, Map<String, Long> arrived) {
        List<Long> latencies = new ArrayList<>();
        start.forEach((key, t) -> {
            Long seen = arrived.get(key);
            if (seen != null) {
                latencies.add(Math.max(0, seen - t));
            }
        });
        latencies.sort(null);
        return latencies;
    }

    /** "p50 .. ms, p90 .. ms, p99 .. ms, max .. ms" of sorted nanosecond latencies. */
    static String summary(List<Long> sorted) {
        return Latency.ofNanos(sorted).summary(1);
    }

    static double percentileMs(List<Long> sorted, double p) {
        return Latency.ofNanos(sorted).percentileMs(p);
    }
}
