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
        @Bindable(defaultValue = "2") int writers,
        @Bindable(defaultValue = "2000") int maxPerTransaction,
        @Bindable(defaultValue = "50000") int queueCapacity,
        @Bindable(defaultValue = "30s") Duration timeout) {

    public PootTimeBase timeBase() {
        int slots = slotsPerEpoch > 0 ? slotsPerEpoch : epochSlots > 0 ? epochSlots : PootTimeBase.DEFAULT_SLOTS_PER_EPOCH;
        return new PootTimeBase(Instant.parse(genesis), Duration.ofSeconds(slotSeconds), slots);
    }
}
