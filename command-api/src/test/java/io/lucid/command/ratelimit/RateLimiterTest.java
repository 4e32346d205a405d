package io.lucid.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final RateLimiter limiter = new RateLimiter(new RateLimitSettings(true, 10, 10, 1000, 1000, 100, Duration.ofMinutes(1)));

    @Test
    void allowsTheCapacityPerKeyThenSaysHowLongToWait() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryConsume("pairing:p1", 10, 1)).as("request %d", i + 1).isEmpty();
        }
        Optional<Duration> wait = limiter.tryConsume("pairing:p1", 10, 1);
        assertThat(wait).isPresent();
        assertThat(wait.get()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(limiter.tryConsume("pairing:p2", 10, 1)).as("another key has its own bucket").isEmpty();
    }

    @Test
    void countsRefusalsPerLimitButNotCharges() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter counted = new RateLimiter(new RateLimitSettings(true, 10, 10, 1000, 1000, 100, Duration.ofMinutes(1)), meters);
        counted.tryConsume("pairing:p1", 1, 1);
        counted.tryConsume("pairing:p1", 1, 1);
        counted.tryConsume("pairing:p1", 1, 1);
        counted.charge("anonymous:127.0.0.1", 1, 1);
        counted.charge("anonymous:127.0.0.1", 1, 1);
        assertThat(meters.get(RateLimiter.REFUSALS).tag("limit", "pairing").counter().count()).isEqualTo(2.0);
        assertThat(meters.find(RateLimiter.REFUSALS).tag("limit", "anonymous").counter()).isNull();
    }

    @Test
    void dropsOnlyFullBuckets() throws InterruptedException {
        RateLimiter fast = new RateLimiter(new RateLimitSettings(true, 10, 10, 1000, 1000, 100, Duration.ofMillis(100)));
        fast.tryConsume("refilled", 10, 1);
        Thread.sleep(250);
        fast.tryConsume("drained", 10, 10);
        fast.dropFullBuckets();
        assertThat(fast.size()).isEqualTo(1);
    }
}
