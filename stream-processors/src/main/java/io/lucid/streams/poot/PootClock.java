package io.lucid.streams.poot;

import java.time.Instant;

/**
 * Slot and epoch arithmetic on the PoOT time base. All times are epoch milliseconds of event time; nothing here
 * reads a clock. An epoch E spans slots {@code [E * slotsPerEpoch, (E + 1) * slotsPerEpoch)}; its window is epochs
 * {@code E - windowEpochs + 1 .. E}; it closes once the watermark reaches its end plus the grace.
 */
public final class PootClock {

    private final PootSettings settings;
    private final long genesisMillis;
    private final long slotMillis;
    private final long epochMillis;
    private final long graceMillis;

    public PootClock(PootSettings settings) {
        this.settings = settings;
        this.genesisMillis = settings.genesis().toEpochMilli();
        this.slotMillis = settings.slotLength().toMillis();
        this.epochMillis = Math.multiplyExact(slotMillis, (long) settings.slotsPerEpoch());
        this.graceMillis = settings.closeGrace().toMillis();
    }

    public PootSettings settings() {
        return settings;
    }

    /** The slot containing this instant; negative before genesis. */
    public long slotAt(long epochMillis) {
        return Math.floorDiv(epochMillis - genesisMillis, slotMillis);
    }

    public long slotAt(Instant instant) {
        return slotAt(instant.toEpochMilli());
    }

    public long epochOfSlot(long slot) {
        return Math.floorDiv(slot, (long) settings.slotsPerEpoch());
    }

    public long epochAt(long epochMillis) {
        return Math.floorDiv(epochMillis - genesisMillis, this.epochMillis);
    }

    public long slotStart(long slot) {
        return genesisMillis + slot * slotMillis;
    }

    public long epochStart(long epoch) {
        return genesisMillis + epoch * epochMillis;
    }

    /** Exclusive: the start of the next epoch. */
    public long epochEnd(long epoch) {
        return epochStart(epoch + 1);
    }

    /** The event time at which the epoch closes: its end plus the grace. */
    public long closesAt(long epoch) {
        return epochEnd(epoch) + graceMillis;
    }

    /** Closed once the watermark has reached the epoch's end plus the grace ("passes its end by 2 hours"). */
    public boolean isClosed(long epoch, long watermark) {
        return watermark >= closesAt(epoch);
    }

    /** The lowest epoch that is still open at this watermark: every lower epoch is closed. */
    public long oldestOpenEpoch(long watermark) {
        return Math.floorDiv(watermark - graceMillis - genesisMillis, epochMillis);
    }

    /** The first epoch of the window that ends with {@code epoch}. */
    public long windowStart(long epoch) {
        return epoch - settings.windowEpochs() + 1;
    }

    /** W: the window length in seconds (604,800 with the defaults). */
    public long windowSeconds() {
        return settings.slotSeconds() * settings.slotsPerEpoch() * settings.windowEpochs();
    }
}
