package io.lucid.schemas.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TierTest {

    private static final long GIB = 1L << 30;

    @Test
    void assignsTheBestTierWhoseEveryThresholdIsMet() {
        assertThat(Tier.of(4, 8 * GIB, 100 * GIB)).isEqualTo(Tier.HIGH_PERFORMANCE);
        // one byte of storage short of 100 GiB: standard
        assertThat(Tier.of(4, 8 * GIB, 100 * GIB - 1)).isEqualTo(Tier.STANDARD);
        assertThat(Tier.of(2, 4 * GIB, 50 * GIB)).isEqualTo(Tier.STANDARD);
        // plenty of cores and memory but 40 GiB of storage: basic
        assertThat(Tier.of(64, 512 * GIB, 40 * GIB)).isEqualTo(Tier.BASIC);
        assertThat(Tier.of(1, 2 * GIB, 20 * GIB)).isEqualTo(Tier.BASIC);
    }
}
