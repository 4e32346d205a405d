package io.lucid.streams.poot;

import io.lucid.events.poot.ProofType;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.StorageAvailability;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.poot.UptimeBeacon;
import io.lucid.events.poot.ValidationSignature;
import java.time.Duration;
import java.time.Instant;

/**
 * Proofs for topology tests, on a small time base that keeps worked examples short: 10 s slots, 6-slot (60 s)
 * epochs, a 7-epoch window (W = 420 s, so eligibility needs 84 s of uptime) and a 30 s close grace. Epoch e spans
 * [60e, 60e + 60) s after genesis and closes at 60e + 90 s. A proof is submitted 5 s into its slot unless said.
 */
public final class Proofs {

    public static final PootSettings SETTINGS = PootSettings.of(Instant.parse("2024-01-01T00:00:00Z"),
            Duration.ofSeconds(10), 6, 7, Duration.ofSeconds(30));
    public static final PootClock CLOCK = new PootClock(SETTINGS);

    private Proofs() {
    }

    /** The first slot of an epoch. */
    public static long slot(long epoch, int index) {
        return epoch * SETTINGS.slotsPerEpoch() + index;
    }

    public static long midSlot(long slot) {
        return CLOCK.slotStart(slot) + 5_000;
    }

    public static TaskProofSubmitted relay(String node, long slot, long bytes, long sessions) {
        return base(node, slot, ProofType.relay_bandwidth).setRelayBandwidth(new RelayBandwidth(bytes, sessions)).build();
    }

    public static TaskProofSubmitted storage(String node, long slot, long chunks, long sizeBytes) {
        return base(node, slot, ProofType.storage_availability)
                .setStorageAvailability(new StorageAvailability(chunks, sizeBytes)).build();
    }

    public static TaskProofSubmitted validation(String node, long slot, long sessions) {
        return base(node, slot, ProofType.validation_signature)
                .setValidationSignature(new ValidationSignature(sessions)).build();
    }

    public static TaskProofSubmitted beacon(String node, long slot, long seconds) {
        return base(node, slot, ProofType.uptime_beacon).setUptimeBeacon(new UptimeBeacon(seconds)).build();
    }

    /** The same proof, submitted at another time (milliseconds after genesis). */
    public static TaskProofSubmitted at(TaskProofSubmitted proof, long millisAfterGenesis) {
        return TaskProofSubmitted.newBuilder(proof)
                .setSubmittedAt(Instant.ofEpochMilli(SETTINGS.genesis().toEpochMilli() + millisAfterGenesis)).build();
    }

    private static TaskProofSubmitted.Builder base(String node, long slot, ProofType type) {
        return TaskProofSubmitted.newBuilder()
                .setProofId(node + ":" + slot + ":" + type.name())
                .setNodeId(node)
                .setSlot(slot)
                .setEpoch(CLOCK.epochOfSlot(slot))
                .setProofType(type)
                .setSignature("c2lnbmF0dXJl")
                .setSubmittedAt(Instant.ofEpochMilli(midSlot(slot)));
    }
}
