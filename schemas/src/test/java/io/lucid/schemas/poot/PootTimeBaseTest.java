package io.lucid.schemas.poot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PootTimeBaseTest {

    private final PootTimeBase base = PootTimeBase.defaults();

    @Test
    void slotZeroStartsAtGenesisAndLastsTwoMinutes() {
        assertThat(base.slotAt(Instant.parse("2024-01-01T00:00:00Z"))).isZero();
        assertThat(base.slotAt(Instant.parse("2024-01-01T00:01:59.999Z"))).isZero();
        assertThat(base.slotAt(Instant.parse("2024-01-01T00:02:00Z"))).isEqualTo(1);
        assertThat(base.slotStart(1)).isEqualTo(Instant.parse("2024-01-01T00:02:00Z"));
    }

    @Test
    void instantsBeforeGenesisHaveNegativeSlots() {
        assertThat(base.slotAt(Instant.parse("2023-12-31T23:59:59Z"))).isEqualTo(-1);
        assertThat(base.epochOfSlot(-1)).isEqualTo(-1);
    }

    @Test
    void anEpochIsSevenHundredTwentySlots() {
        assertThat(base.epochOfSlot(719)).isZero();
        assertThat(base.epochOfSlot(720)).isEqualTo(1);
        assertThat(base.slotAt(Instant.parse("2024-01-02T00:00:00Z"))).isEqualTo(720);
    }

    @Test
    void readsTheEnvironmentWithTheEpochSlotsAlias() {
        PootTimeBase demo = PootTimeBase.fromEnvironment(Map.of(
                "LUCID_POOT_GENESIS", "2026-01-01T00:00:00Z", "LUCID_POOT_SLOT_SECONDS", "1", "LUCID_POOT_EPOCH_SLOTS", "60"));
        assertThat(demo).isEqualTo(new PootTimeBase(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1), 60));
        assertThat(PootTimeBase.fromEnvironment(Map.of("LUCID_POOT_SLOTS_PER_EPOCH", "30", "LUCID_POOT_EPOCH_SLOTS", "60"))
                .slotsPerEpoch()).isEqualTo(30);
        assertThat(PootTimeBase.fromEnvironment(Map.of())).isEqualTo(PootTimeBase.defaults());
    }

    @Test
    void refusesSlotsThatAreNotWholeSeconds() {
        assertThatThrownBy(() -> new PootTimeBase(Instant.EPOCH, Duration.ofMillis(1500), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PootTimeBase(Instant.EPOCH, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
