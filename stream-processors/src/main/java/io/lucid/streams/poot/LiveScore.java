package io.lucid.streams.poot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * live_score = credits_total * uptime / W as an exact fraction. Ranking compares fractions by cross
 * multiplication, so two scores are equal only when they are mathematically equal: no floating point decides an
 * order or a payout. {@link #toDecimal} renders it for people, rounded down to a fixed number of places.
 *
 * @param numerator   credits_total * uptime (the reward weight)
 * @param denominator W, the window length in seconds
 */
public record LiveScore(BigInteger numerator, long denominator) implements Comparable<LiveScore> {

    public LiveScore {
        Objects.requireNonNull(numerator, "numerator");
        if (numerator.signum() < 0 || denominator <= 0) {
            throw new IllegalArgumentException("a live score is a non-negative fraction with a positive denominator");
        }
    }

    public static LiveScore of(long creditsTotal, long uptimeSeconds, long windowSeconds) {
        return new LiveScore(BigInteger.valueOf(creditsTotal).multiply(BigInteger.valueOf(uptimeSeconds)), windowSeconds);
    }

    public static LiveScore zero(long windowSeconds) {
        return new LiveScore(BigInteger.ZERO, windowSeconds);
    }

    @Override
    public int compareTo(LiveScore other) {
        return numerator.multiply(BigInteger.valueOf(other.denominator))
                .compareTo(other.numerator.multiply(BigInteger.valueOf(denominator)));
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** The value as a decimal with {@code scale} places, rounded down (exact decimal arithmetic). */
    public BigDecimal toDecimal(int scale) {
        return new BigDecimal(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.DOWN);
    }

    /** Equality in value, unlike {@link #equals}, which also compares the representation. */
    public boolean sameValueAs(LiveScore other) {
        return compareTo(other) == 0;
    }
}
