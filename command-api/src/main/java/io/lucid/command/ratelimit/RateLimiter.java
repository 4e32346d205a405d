package io.lucid.command.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) per key, in this instance's memory: exact for one instance; N instances behind a load
 * balancer allow up to N times the limit. The distributed option is a Bucket4j proxy manager on PostgreSQL or
 * Redis over the same keys. Full buckets are dropped every minute so idle keys cost nothing.
 */
@Singleton
public class RateLimiter {

    /** Requests refused by a limit, on {@code /metrics} as {@code lucid_rate_limit_refusals_total{limit}}. */
    static final String REFUSALS = "lucid.rate_limit.refusals";

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final Duration period;
    private final MeterRegistry meters;

    RateLimiter(RateLimitSettings settings) {
        this(settings, new SimpleMeterRegistry());
    }

    @Inject
    RateLimiter(RateLimitSettings settings, MeterRegistry meters) {
        this.period = settings.period();
        this.meters = meters;
    }

    /**
     * Takes {@code tokens} from the bucket of {@code key} (created with {@code capacity} per period); empty when
     * allowed, else how long until they would be.
     */
    public Optional<Duration> tryConsume(String key, long capacity, long tokens) {
        Optional<Duration> wait = take(key, capacity, tokens);
        wait.ifPresent(refused -> countRefusal(key));
        return wait;
    }

    /** Takes tokens as a charge for something that already happened (a refused token), not a request: not counted. */
    public void charge(String key, long capacity, long tokens) {
        take(key, capacity, tokens);
    }

    /** Counts a request refused because the bucket of {@code key} is empty. */
    public void countRefusal(String key) {
        // Tagged with the limit (the key's kind before ':'), never the key itself: keys are unbounded.
        meters.counter(REFUSALS, "limit", key.substring(0, Math.max(0, key.indexOf(':')))).increment();
    }

    private Optional<Duration> take(String key, long capacity, long tokens) {
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(capacity, Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build()));
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(tokens);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Whether the bucket of {@code key} exists and is empty now; takes nothing from it. */
    public boolean isExhausted(String key) {
        Entry entry = buckets.get(key);
        return entry != null && entry.bucket().getAvailableTokens() <= 0;
    }

    @Scheduled(fixedDelay = "1m")
    void dropFullBuckets() {
        buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
    }

    int size() {
        return buckets.size();
    }

    private record Entry(long capacity, Bucket bucket) {
    }
}
