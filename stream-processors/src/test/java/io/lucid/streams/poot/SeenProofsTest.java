package io.lucid.streams.poot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenProofsTest {

    private static final int BITS = 4 * 720;

    @Test
    void remembersEachProofOfAnOpenEpochOnce() {
        // relay_bandwidth (type 0) of slot index 5 -> bit 5; uptime_beacon (type 3) of slot index 719 -> bit 2,879
        SeenProofs seen = SeenProofs.none().with(10, 5, BITS).with(10, 3 * 720 + 719, BITS);
        assertThat(seen.contains(10, 5)).isTrue();
        assertThat(seen.contains(10, 2_879)).isTrue();
        assertThat(seen.contains(10, 6)).isFalse();
        assertThat(seen.contains(11, 5)).isFalse();
    }

    @Test
    void forgetsClosedEpochs() {
        SeenProofs seen = SeenProofs.none().with(10, 5, BITS).with(11, 5, BITS);
        assertThat(seen.pruneBefore(11).contains(10, 5)).isFalse();
        assertThat(seen.pruneBefore(11).contains(11, 5)).isTrue();
    }

    @Test
    void neverChangesTheInstanceItGrewFrom() {
        SeenProofs before = SeenProofs.none().with(10, 1, BITS);
        before.with(10, 2, BITS);
        assertThat(before.contains(10, 2)).isFalse();
    }
}
