package io.lucid.streams.poot;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which proofs of a node were counted, for the epochs still open: one bit per (proof type, slot of the epoch), so a
 * redelivered proof (the relay delivers at least once) is recognised by its id {@code {node}:{slot}:{type}}
 * without a store entry per proof. Epochs that closed are dropped: a proof of a closed epoch is late anyway.
 * Immutable.
 */
public final class SeenProofs {

    private static final SeenProofs NONE = new SeenProofs(new TreeMap<>());

    private final NavigableMap<Long, long[]> bitsByEpoch;

    private SeenProofs(NavigableMap<Long, long[]> bitsByEpoch) {
        this.bitsByEpoch = bitsByEpoch;
    }

    public static SeenProofs none() {
        return NONE;
    }

    public static SeenProofs of(Map<Long, long[]> bitsByEpoch) {
        TreeMap<Long, long[]> copy = new TreeMap<>();
        bitsByEpoch.forEach((epoch, bits) -> copy.put(epoch, bits.clone()));
        return new SeenProofs(copy);
    }

    /** The bit sets per epoch, for storage; do not modify. */
    public NavigableMap<Long, long[]> bitsByEpoch() {
        return Collections.unmodifiableNavigableMap(bitsByEpoch);
    }

    public boolean contains(long epoch, int bit) {
        long[] bits = bitsByEpoch.get(epoch);
        return bits != null && (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    /** @param bitsPerEpoch proof types times slots per epoch */
    public SeenProofs with(long epoch, int bit, int bitsPerEpoch) {
        TreeMap<Long, long[]> next = new TreeMap<>(bitsByEpoch);
        long[] bits = next.get(epoch);
        bits = bits == null ? new long[(bitsPerEpoch + 63) >>> 6] : Arrays.copyOf(bits, bits.length);
        bits[bit >>> 6] |= 1L << bit;
        next.put(epoch, bits);
        return new SeenProofs(next);
    }

    public SeenProofs pruneBefore(long firstKept) {
        if (bitsByEpoch.isEmpty() || bitsByEpoch.firstKey() >= firstKept) {
            return this;
        }
        return new SeenProofs(new TreeMap<>(bitsByEpoch.tailMap(firstKept, true)));
    }

    public boolean isEmpty() {
        return bitsByEpoch.isEmpty();
    }
}
