package io.lucid.streams.poot;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One node's credits per epoch, for the epochs a window can still need. Immutable: every change returns a new
 * ledger. The scoring processor keeps one per node and derives the node's {@link WindowScore} from it.
 */
public final class NodeLedger {

    private static final NodeLedger EMPTY = new NodeLedger(new TreeMap<>());

    private final NavigableMap<Long, ProofCredits> epochs;

    private NodeLedger(NavigableMap<Long, ProofCredits> epochs) {
        this.epochs = epochs;
    }

    public static NodeLedger empty() {
        return EMPTY;
    }

    public static NodeLedger of(Map<Long, ProofCredits> epochs) {
        return new NodeLedger(new TreeMap<>(epochs));
    }

    /** The credits per epoch, ascending. */
    public NavigableMap<Long, ProofCredits> epochs() {
        return Collections.unmodifiableNavigableMap(epochs);
    }

    public NodeLedger add(long epoch, ProofCredits credits) {
        TreeMap<Long, ProofCredits> next = new TreeMap<>(epochs);
        next.merge(epoch, credits, ProofCredits::plus);
        return new NodeLedger(next);
    }

    /** Drops the epochs before {@code firstKept}: no open window reaches them any more. */
    public NodeLedger pruneBefore(long firstKept) {
        if (epochs.isEmpty() || epochs.firstKey() >= firstKept) {
            return this;
        }
        return new NodeLedger(new TreeMap<>(epochs.tailMap(firstKept, true)));
    }

    /** The sums over the window ending with {@code epoch}. */
    public ProofCredits windowSum(long firstEpoch, long lastEpoch) {
        ProofCredits sum = ProofCredits.ZERO;
        for (ProofCredits credits : epochs.subMap(firstEpoch, true, lastEpoch, true).values()) {
            sum = sum.plus(credits);
        }
        return sum;
    }

    public WindowScore score(long epoch, PootClock clock) {
        return WindowScore.of(epoch, windowSum(clock.windowStart(epoch), epoch), clock.windowSeconds());
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeLedger other && epochs.equals(other.epochs);
    }

    @Override
    public int hashCode() {
        return epochs.hashCode();
    }

    @Override
    public String toString() {
        return "NodeLedger" + epochs;
    }
}
