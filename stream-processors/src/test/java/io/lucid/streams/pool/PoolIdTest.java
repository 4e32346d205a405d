package io.lucid.streams.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.pool.Tier;
import org.junit.jupiter.api.Test;

class PoolIdTest {

    @Test
    void namesPoolsByTierAndNumber() {
        assertThat(new PoolId(Tier.HIGH_PERFORMANCE, 2).value()).isEqualTo("pool_high_performance_2");
        assertThat(PoolId.parse("pool_standard_12")).isEqualTo(new PoolId(Tier.STANDARD, 12));
    }
}
