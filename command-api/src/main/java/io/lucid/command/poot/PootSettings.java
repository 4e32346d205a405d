package io.lucid.command.poot;

import io.lucid.schemas.poot.PootTimeBase;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.time.Instant;

/**
 * Task-proof settings ({@code lucid.poot.*}). The time base must equal the stream processors' (same variables):
 *
 * @param genesis       {@code LUCID_POOT_GENESIS} (2024-01-01T00:00:00Z)
 * @param slotSeconds   {@code LUCID_POOT_SLOT_SECONDS} (120)
 * @param slotsPerEpoch {@code LUCID_POOT_SLOTS_PER_EPOCH}, the stream processors' name; 0 = unset
 * @param epochSlots    {@code LUCID_POOT_EPOCH_SLOTS}, an alias read when the former is unset; 0 = unset (720)
 * @param closeGraceSeconds {@code LUCID_POOT_CLOSE_GRACE_SECONDS}, the stream processors' variable: how far time
 *                      passes an epoch's end before its tally closes and later proofs of it are dropped (7200)
 * @param writers       threads appending proofs to the event store, each one transaction at a time (2)
 * @param maxPerTransaction most proofs appended in one transaction (2000)
 * @param queueCapacity proofs waiting for a writer before new ones are refused with 503 (50000)
 * @param timeout       longest a request waits for its proofs to be written (30s)
 */
@ConfigurationProperties("lucid.poot")
public record PootSettings(
        @Bindable(defaultValue = "2024-01-01T00:00:00Z") String genesis,
        @Bindable(defaultValue = "120") long slotSeconds,
        @Bindable(defaultValue = "0") int slotsPerEpoch,
        @Bindable(defaultValue = "0") int epochSlots,
        @Bindable(defaultValue = "7200") long closeGraceSeconds,
        @Bindable(defaultValue = "2") int writers,
        @Bindable(defaultValue = "2000") int maxPerTransaction,
        @Bindable(defaultValue = "50000") int queueCapacity,
        @Bindable(defaultValue = "30s") Duration timeout) {

    public Duration closeGrace() {
        return Duration.ofSeconds(closeGraceSeconds);
    }

    /**
     * Refuses a close grace shorter than the slots a proof may lie behind (plus its own): with it, a proof of the
     * last slot of an epoch could be accepted after the stream processors closed that epoch, and then be dropped.
     */
    public void requireGraceCoversAcceptanceWindow() {
        long windowSlots = ProofAdmission.SLOTS_BEHIND + 1;
        Duration window = timeBase().slotLength().multipliedBy(windowSlots);
        if (closeGrace().compareTo(window) < 0) {
            throw new IllegalStateException("LUCID_POOT_CLOSE_GRACE_SECONDS is " + closeGraceSeconds + " s, shorter than the "
                    + windowSlots + " slots a task proof may lie behind (" + window.toSeconds() + " s with "
                    + slotSeconds + " s slots): proofs of closed epochs would be accepted and then dropped. Set it to at least "
                    + window.toSeconds() + ".");
        }
    }

    public PootTimeBase timeBase() {
        int slots = slotsPerEpoch > 0 ? slotsPerEpoch : epochSlots > 0 ? epochSlots : PootTimeBase.DEFAULT_SLOTS_PER_EPOCH;
        return new PootTimeBase(Instant.parse(genesis), Duration.ofSeconds(slotSeconds), slots);
    }
}
