package io.lucid.streams.poot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PootClockTest {

    private final PootClock clock = new PootClock(PootSettings.defaults());

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void countsSlotsOfTwoMinutesFromGenesis() {
        assertThat(clock.slotAt(at("2024-01-01T00:00:00Z"))).isZero();
        assertThat(clock.slotAt(at("2024-01-01T00:01:59.999Z"))).isZero();
        assertThat(clock.slotAt(at("2024-01-01T00:02:00Z"))).isEqualTo(1);
        // 2024-01-02T00:00Z is 86,400 s / 120 s = slot 720, the first of epoch 1.
        assertThat(clock.slotAt(at("2024-01-02T00:00:00Z"))).isEqualTo(720);
        assertThat(clock.slotAt(at("2023-12-31T23:59:59Z"))).isEqualTo(-1);
    }

    @Test
    void groupsSevenHundredTwentySlotsIntoAnEpoch() {
        assertThat(clock.epochOfSlot(719)).isZero();
        assertThat(clock.epochOfSlot(720)).isEqualTo(1);
        assertThat(clock.epochStart(1)).isEqualTo(at("2024-01-02T00:00:00Z"));
        assertThat(clock.epochEnd(1)).isEqualTo(at("2024-01-03T00:00:00Z"));
    }

    @Test
    void closesAnEpochTwoHoursAfterItsEnd() {
        // Epoch 0 ends 2024-01-02T00:00Z; it closes at 02:00Z, not a millisecond earlier.
        assertThat(clock.closesAt(0)).isEqualTo(at("2024-01-02T02:00:00Z"));
        assertThat(clock.isClosed(0, at("2024-01-02T01:59:59.999Z"))).isFalse();
        assertThat(clock.isClosed(0, at("2024-01-02T02:00:00Z"))).isTrue();
        assertThat(clock.oldestOpenEpoch(at("2024-01-02T01:59:59.999Z"))).isZero();
        assertThat(clock.oldestOpenEpoch(at("2024-01-02T02:00:00Z"))).isEqualTo(1);
    }

    @Test
    void spansAWindowOfSevenEpochs() {
        // W = 7 * 720 * 120 s = 604,800 s; the window of epoch 10 is epochs 4..10.
        assertThat(clock.windowSeconds()).isEqualTo(604_800);
        assertThat(clock.windowStart(10)).isEqualTo(4);
    }

    @Test
    void runsWholeEpochsInAMinuteWithTestSettings() {
        PootClock fast = new PootClock(PootSettings.of(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofSeconds(1), 60,
                7, Duration.ofSeconds(5)));
        // W = 7 * 60 * 1 s = 420 s; epoch 2 is [120 s, 180 s) and closes at 185 s.
        assertThat(fast.windowSeconds()).isEqualTo(420);
        assertThat(fast.epochAt(at("2024-01-01T00:02:30Z"))).isEqualTo(2);
        assertThat(fast.closesAt(2)).isEqualTo(at("2024-01-01T00:03:05Z"));
    }

    @Test
    void rejectsFractionalSlotLengths() {
        assertThatThrownBy(() -> PootSettings.of(Instant.EPOCH, Duration.ofMillis(1500), 60, 7, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
