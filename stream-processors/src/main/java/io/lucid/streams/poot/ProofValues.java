package io.lucid.streams.poot;

import java.util.Optional;

/**
 * The measured values of a task proof, one record per proof type, and the credit formula of each
 * (DOMAIN.md section 5). Credits are computed here and nowhere else; clients never send them. All arithmetic
 * is on non-negative longs and exact.
 */
public sealed interface ProofValues {

    /** 5 MiB of relayed traffic earn one credit. */
    long BYTES_PER_RELAY_CREDIT = 5L * 1024 * 1024;
    /** Storage earns 10 credits per GiB held ... */
    long STORAGE_CREDITS_PER_GIB = 10;
    /** ... and 2 per chunk stored. */
    long STORAGE_CREDITS_PER_CHUNK = 2;
    long GIB = 1L << 30;
    /** One validated session earns 5 credits. */
    long CREDITS_PER_VALIDATED_SESSION = 5;

    ProofType type();

    /** The credits (and uptime seconds) this proof is worth. */
    ProofCredits credits();

    /** Why these values break the contract for a slot of {@code slotSeconds}, or empty when they are valid. */
    Optional<String> violation(long slotSeconds);

    /** relay = max(sessions_relayed, ceil(bytes_transferred / 5,242,880)). */
    record RelayBandwidth(long bytesTransferred, long sessionsRelayed) implements ProofValues {
        @Override
        public ProofType type() {
            return ProofType.RELAY_BANDWIDTH;
        }

        @Override
        public ProofCredits credits() {
            long byVolume = bytesTransferred / BYTES_PER_RELAY_CREDIT
                    + (bytesTransferred % BYTES_PER_RELAY_CREDIT == 0 ? 0 : 1);
            return ProofCredits.relay(Math.max(sessionsRelayed, byVolume));
        }

        @Override
        public Optional<String> violation(long slotSeconds) {
            if (bytesTransferred < 0) {
                return Optional.of("bytes_transferred is negative");
            }
            return sessionsRelayed < 1 ? Optional.of("sessions_relayed must be at least 1") : Optional.empty();
        }
    }

    /**
     * storage = floor(size_bytes * 10 / 2^30) + 2 * chunks_stored. The product is split into whole GiB and the
     * remainder so that it cannot overflow a long for any size_bytes.
     */
    record StorageAvailability(long chunksStored, long sizeBytes) implements ProofValues {
        @Override
        public ProofType type() {
            return ProofType.STORAGE_AVAILABILITY;
        }

        @Override
        public ProofCredits credits() {
            long bySize = Math.addExact(Math.multiplyExact(sizeBytes / GIB, STORAGE_CREDITS_PER_GIB),
                    (sizeBytes % GIB) * STORAGE_CREDITS_PER_GIB / GIB);
            return ProofCredits.storage(Math.addExact(bySize, Math.multiplyExact(chunksStored, STORAGE_CREDITS_PER_CHUNK)));
        }

        @Override
        public Optional<String> violation(long slotSeconds) {
            if (chunksStored < 0 || sizeBytes < 0) {
                return Optional.of("chunks_stored and size_bytes must not be negative");
            }
            return chunksStored > Long.MAX_VALUE / (2 * STORAGE_CREDITS_PER_CHUNK)
                    ? Optional.of("chunks_stored is out of range") : Optional.empty();
        }
    }

    /** validation = 5 * validated_sessions. */
    record ValidationSignature(long validatedSessions) implements ProofValues {
        @Override
        public ProofType type() {
            return ProofType.VALIDATION_SIGNATURE;
        }

        @Override
        public ProofCredits credits() {
            return ProofCredits.validation(Math.multiplyExact(validatedSessions, CREDITS_PER_VALIDATED_SESSION));
        }

        @Override
        public Optional<String> violation(long slotSeconds) {
            if (validatedSessions < 0) {
                return Optional.of("validated_sessions is negative");
            }
            return validatedSessions > Long.MAX_VALUE / (2 * CREDITS_PER_VALIDATED_SESSION)
                    ? Optional.of("validated_sessions is out of range") : Optional.empty();
        }
    }

    /** Beacons earn no credits: they prove the node was up, which counts as uptime seconds. */
    record UptimeBeacon(long uptimeSeconds) implements ProofValues {
        @Override
        public ProofType type() {
            return ProofType.UPTIME_BEACON;
        }

        @Override
        public ProofCredits credits() {
            return ProofCredits.uptime(uptimeSeconds);
        }

        @Override
        public Optional<String> violation(long slotSeconds) {
            if (uptimeSeconds < 0 || uptimeSeconds > slotSeconds) {
                return Optional.of("uptime_seconds must lie within [0, " + slotSeconds + "]");
            }
            return Optional.empty();
        }
    }
}
