package io.lucid.streams.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardSplitTest {

    private static Map<String, BigInteger> weights(Object... pairs) {
        Map<String, BigInteger> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], BigInteger.valueOf(((Number) pairs[i + 1]).longValue()));
        }
        return map;
    }

    @Test
    void roundsEachRewardDownAndCarriesTheRemainder() {
        // 1,000 USDT = 1,000,000,000 micro over three equal weights: floor(10^9 / 3) = 333,333,333 each,
        // 3 * 333,333,333 = 999,999,999 -> carry 1 micro-USDT.
        RewardSplit split = RewardSplit.of(1_000_000_000L, weights("node_a", 7, "node_b", 7, "node_c", 7));
        assertThat(split.rewards()).containsExactly(Map.entry("node_a", 333_333_333L),
                Map.entry("node_b", 333_333_333L), Map.entry("node_c", 333_333_333L));
        assertThat(split.carry()).isEqualTo(1);
    }

    @Test
    void splitsProRataByWeight() {
        // weights 2 : 1 -> floor(2 * 10^9 / 3) = 666,666,666 and floor(10^9 / 3) = 333,333,333; carry 1.
        RewardSplit split = RewardSplit.of(1_000_000_000L, weights("node_a", 2, "node_b", 1));
        assertThat(split.rewards()).containsEntry("node_a", 666_666_666L).containsEntry("node_b", 333_333_333L);
        assertThat(split.carry()).isEqualTo(1);
    }

    @Test
    void carriesTheWholePoolWhenNoNodeIsEligible() {
        RewardSplit split = RewardSplit.of(1_000_000_001L, weights());
        assertThat(split.rewards()).isEmpty();
        assertThat(split.carry()).isEqualTo(1_000_000_001L);
    }

    @Test
    void multipliesPoolAndWeightBeyondTheRangeOfALong() {
        // pool 10^9 * weight 6.048 * 10^20 overflows a long; BigInteger keeps it exact: weights 3w : w -> 3/4 and 1/4.
        BigInteger w = BigInteger.valueOf(604_800).multiply(BigInteger.valueOf(1_000_000_000_000_000L));
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        weights.put("node_a", w.multiply(BigInteger.valueOf(3)));
        weights.put("node_b", w);
        RewardSplit split = RewardSplit.of(1_000_000_000L, weights);
        assertThat(split.rewards()).containsEntry("node_a", 750_000_000L).containsEntry("node_b", 250_000_000L);
        assertThat(split.carry()).isZero();
    }
}
