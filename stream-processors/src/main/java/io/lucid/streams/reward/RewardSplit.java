package io.lucid.streams.reward;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The split of one epoch's pool: reward_i = floor(pool * weight_i / sum of weights), weight_i = credits_total_i *
 * uptime_i, all in exact integers (BigInteger: pool * weight overflows a long). What the floors leave, and the whole
 * pool when no node is eligible, is the {@link #carry} into the next epoch's pool.
 *
 * @param pool    this epoch's pool: the configured pool plus the previous epoch's carry
 * @param rewards micro-USDT per node, in the order the weights were given (the ranking); zero rewards included
 * @param carry   pool minus the sum of the rewards
 */
public record RewardSplit(long pool, Map<String, Long> rewards, long carry) {

    public static RewardSplit of(long pool, Map<String, BigInteger> weights) {
        if (pool < 0) {
            throw new IllegalArgumentException("the pool must not be negative");
        }
        BigInteger sum = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        Map<String, Long> rewards = new LinkedHashMap<>();
        if (sum.signum() == 0) {
            weights.keySet().forEach(node -> rewards.put(node, 0L));
            return new RewardSplit(pool, rewards, pool);
        }
        BigInteger bigPool = BigInteger.valueOf(pool);
        long paid = 0;
        for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
            if (weight.getValue().signum() < 0) {
                throw new IllegalArgumentException("a weight must not be negative: " + weight);
            }
            // floor(pool * w / sum) <= pool, so it always fits a long.
            long reward = bigPool.multiply(weight.getValue()).divide(sum).longValueExact();
            rewards.put(weight.getKey(), reward);
            paid += reward;
        }
        return new RewardSplit(pool, rewards, pool - paid);
    }
}
