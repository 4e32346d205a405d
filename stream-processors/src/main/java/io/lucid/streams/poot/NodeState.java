package io.lucid.streams.poot;

import io.lucid.streams.state.StateSerde;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the PoOT ledger keeps per node: credits per epoch for every epoch an open window can reach, the proofs
 * already counted in open epochs, and how many score updates were published (their {@code ce_sequence}, which
 * must never restart, so the entry of a node that stopped proving stays, emptied).
 */
record NodeState(NodeLedger ledger, SeenProofs seen, long published) {

    static final NodeState EMPTY = new NodeState(NodeLedger.empty(), SeenProofs.none(), 0);

    static final StateSerde<NodeState> SERDE = new StateSerde<>(1, (w, s) -> {
        w.writeLong(s.published());
        w.writeInt(s.ledger().epochs().size());
        s.ledger().epochs().forEach((epoch, c) -> {
            w.writeLong(epoch);
            w.writeLong(c.relay()).writeLong(c.storage()).writeLong(c.validation()).writeLong(c.uptimeSeconds())
                    .writeLong(c.proofs());
        });
        w.writeInt(s.seen().bitsByEpoch().size());
        s.seen().bitsByEpoch().forEach((epoch, bits) -> {
            w.writeLong(epoch);
            w.writeInt(bits.length);
            for (long word : bits) {
                w.writeLong(word);
            }
        });
    }, r -> {
        long published = r.readLong();
        Map<Long, ProofCredits> epochs = new TreeMap<>();
        for (int i = r.readInt(); i > 0; i--) {
            epochs.put(r.readLong(), new ProofCredits(r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readLong()));
        }
        Map<Long, long[]> seen = new TreeMap<>();
        for (int i = r.readInt(); i > 0; i--) {
            long epoch = r.readLong();
            long[] bits = new long[r.readInt()];
            for (int b = 0; b < bits.length; b++) {
                bits[b] = r.readLong();
            }
            seen.put(epoch, bits);
        }
        return new NodeState(NodeLedger.of(epochs), SeenProofs.of(seen), published);
    });

    /** Drops what no open window or open epoch needs once {@code oldestOpen} is the oldest open epoch. */
    NodeState prunedFor(long oldestOpen, PootClock clock) {
        return new NodeState(ledger.pruneBefore(clock.windowStart(oldestOpen)), seen.pruneBefore(oldestOpen), published);
    }
}
