package io.lucid.devstack.bench;

import java.util.Collection;
import org.HdrHistogram.Histogram;

/**
 * The latencies of one measured phase, in an HdrHistogram (1 us to 1 h, three significant digits): every benchmark
 * reads its percentiles here, so p50/p99/p99.9 mean the same thing in every table. Recording is thread-safe.
 */
final class Latency {

    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(1_000, HIGHEST_NANOS, 3);

    static Latency ofNanos(long[] nanos) {
        Latency latency = new Latency();
        for (long n : nanos) {
            latency.record(n);
        }
        return latency;
    }

    static Latency ofNanos(Collection<Long> nanos) {
        Latency latency = new Latency();
        nanos.forEach(latency::record);
        return latency;
    }

    /** Microsecond values (pgbench's per-transaction log). */
    static Latency ofMicros(Collection<Long> micros) {
        Latency latency = new Latency();
        micros.forEach(us -> latency.record(us * 1_000));
        return latency;
    }

    /** Records one latency; values outside the histogram's range are clamped, a negative one counts as 0. */
    synchronized void record(long nanos) {
        histogram.recordValue(Math.max(1_000, Math.min(nanos, HIGHEST_NANOS)));
    }

    /** Adds every value of {@code other}: the phases of one measurement read as one. */
    void add(Latency other) {
        Histogram copy;
        synchronized (other) {
            copy = other.histogram.copy();
        }
        synchronized (this) {
            histogram.add(copy);
        }
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The {@code p}th percentile in milliseconds ({@code 100} is the maximum); NaN without values. */
    synchronized double percentileMs(double p) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        long nanos = p >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(p);
        return nanos / 1e6;
    }

    /** "p50 .. ms, p90 .. ms, p99 .. ms, max .. ms" with {@code decimals} decimals. */
    String summary(int decimals) {
        String f = "%." + decimals + "f";
        return String.format("p50 " + f + " ms, p90 " + f + " ms, p99 " + f + " ms, max " + f + " ms",
                percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(100));
    }

    /** The percentile curve, for plots: {percentile, ms} pairs from p0 to the maximum. */
    synchronized double[][] curve() {
        double[] ps = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100};
        double[][] points = new double[ps.length][];
        for (int i = 0; i < ps.length; i++) {
            points[i] = new double[] {ps[i], percentileMs(Math.max(ps[i], 0.0001))};
        }
        return points;
    }
}
