package io.lucid.streams.poot;

import io.lucid.schemas.poot.PootTimeBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The PoOT settings of the stream processors (DOMAIN.md section 5): the time base shared with command-api
 * ({@link PootTimeBase}: genesis, slot length, slots per epoch), the window length in epochs and the epoch-close
 * grace. The defaults are the production ones; a demo or a test shrinks them (for example 1 s slots and 60-slot
 * epochs).
 *
 * @param windowEpochs how many epochs, ending with the scored one, a window spans
 * @param closeGrace   how far event time must pass an epoch's end before the epoch closes
 */
public record PootSettings(PootTimeBase timeBase, int windowEpochs, Duration closeGrace) {

    public static final int DEFAULT_WINDOW_EPOCHS = 7;
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofHours(2);

    public PootSettings {
        Objects.requireNonNull(timeBase, "timeBase");
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (windowEpochs < 1) {
            throw new IllegalArgumentException("window epochs must be positive: " + windowEpochs);
        }
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("close grace must not be negative: " + closeGrace);
        }
    }

    /** Production: 2024-01-01T00:00:00Z, 120 s slots, 720-slot (24 h) epochs, a 7-epoch window, 2 h grace. */
    public static PootSettings defaults() {
        return new PootSettings(PootTimeBase.defaults(), DEFAULT_WINDOW_EPOCHS, DEFAULT_CLOSE_GRACE);
    }

    public static PootSettings of(Instant genesis, Duration slotLength, int slotsPerEpoch, int windowEpochs,
            Duration closeGrace) {
        return new PootSettings(new PootTimeBase(genesis, slotLength, slotsPerEpoch), windowEpochs, closeGrace);
    }

    public Instant genesis() {
        return timeBase.genesis();
    }

    public Duration slotLength() {
        return timeBase.slotLength();
    }

    public int slotsPerEpoch() {
        return timeBase.slotsPerEpoch();
    }

    public long slotSeconds() {
        return timeBase.slotSeconds();
    }
}
