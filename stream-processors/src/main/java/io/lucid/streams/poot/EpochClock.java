package io.lucid.streams.poot;

import io.lucid.streams.state.StateSerde;

/**
 * The epoch close's progress: the global watermark (highest proof time seen on the single epoch partition), the
 * next epoch to close, and the pool remainder carried into it.
 *
 * @param nextEpoch the lowest epoch not closed yet; before the first close, the lowest epoch seen ({@link #NONE}
 *                  before any proof: the network's first epoch is that of its first proof, and epochs before it
 *                  carry no pool)
 */
record EpochClock(long watermark, long nextEpoch, long carry, boolean closedAny) {

    static final long NONE = Long.MAX_VALUE;
    static final EpochClock START = new EpochClock(Long.MIN_VALUE, NONE, 0, false);

    static final StateSerde<EpochClock> SERDE = new StateSerde<>(1,
            (w, c) -> w.writeLong(c.watermark()).writeLong(c.nextEpoch()).writeLong(c.carry()).writeBoolean(c.closedAny()),
            r -> new EpochClock(r.readLong(), r.readLong(), r.readLong(), r.readBoolean()));

    EpochClock seen(long epoch, long time) {
        return new EpochClock(Math.max(watermark, time), closedAny ? nextEpoch : Math.min(nextEpoch, epoch), carry,
                closedAny);
    }

    EpochClock closed(long epoch, long newCarry) {
        return new EpochClock(watermark, epoch + 1, newCarry, true);
    }
}
