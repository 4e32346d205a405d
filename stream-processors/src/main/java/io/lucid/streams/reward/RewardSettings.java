package io.lucid.streams.reward;

/**
 * Reward and payout rules (DOMAIN.md section 5), all in micro-USDT. Defaults: a 1,000 USDT pool per epoch, payout
 * at a balance of 10 USDT, gross capped at 10,000 USDT, fee 1 % of gross clamped to [0.1, 10] USDT.
 *
 * @param epochPool       distributed over each closed epoch's eligible nodes
 * @param payoutThreshold the balance from which a payout is calculated
 * @param payoutCap       the largest gross of one payout; the rest of the balance stays
 * @param feeDivisor      fee = floor(gross / feeDivisor) before clamping (100 = 1 %)
 * @param feeMin          the smallest fee
 * @param feeMax          the largest fee
 */
public record RewardSettings(
        long epochPool, long payoutThreshold, long payoutCap, long feeDivisor, long feeMin, long feeMax) {

    public static final long DEFAULT_EPOCH_POOL = MicroUsdt.usdt(1_000);
    public static final long DEFAULT_PAYOUT_THRESHOLD = MicroUsdt.usdt(10);
    public static final long DEFAULT_PAYOUT_CAP = MicroUsdt.usdt(10_000);
    public static final long DEFAULT_FEE_DIVISOR = 100;
    public static final long DEFAULT_FEE_MIN = 100_000;
    public static final long DEFAULT_FEE_MAX = MicroUsdt.usdt(10);

    public RewardSettings {
        if (epochPool < 0) {
            throw new IllegalArgumentException("the epoch pool must not be negative");
        }
        if (payoutThreshold < 1 || payoutCap < payoutThreshold) {
            throw new IllegalArgumentException("need 0 < payout threshold <= payout cap");
        }
        if (feeDivisor < 1 || feeMin < 0 || feeMax < feeMin) {
            throw new IllegalArgumentException("need fee divisor >= 1 and 0 <= fee min <= fee max");
        }
        if (feeMin > payoutThreshold) {
            // gross >= threshold and floor(gross / divisor) <= gross, so this keeps net = gross - fee >= 0.
            throw new IllegalArgumentException("the smallest fee must not exceed the payout threshold");
        }
    }

    public static RewardSettings defaults() {
        return new RewardSettings(DEFAULT_EPOCH_POOL, DEFAULT_PAYOUT_THRESHOLD, DEFAULT_PAYOUT_CAP, DEFAULT_FEE_DIVISOR,
                DEFAULT_FEE_MIN, DEFAULT_FEE_MAX);
    }

    public RewardSettings withEpochPool(long pool) {
        return new RewardSettings(pool, payoutThreshold, payoutCap, feeDivisor, feeMin, feeMax);
    }

    public RewardSettings withPayoutThreshold(long threshold) {
        return new RewardSettings(epochPool, threshold, payoutCap, feeDivisor, feeMin, feeMax);
    }
}
