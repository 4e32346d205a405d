package io.lucid.query.audit;

import io.lucid.schemas.audit.EventChain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows one aggregate's events in the order a source holds them (the store by sequence number, a topic partition by
 * offset) and names the first that breaks its hash chain: {@code altered} (its content no longer hashes to its hash),
 * {@code reordered} (its content hashes correctly only at another sequence number), {@code missing} (a sequence number
 * or the event it chains onto is not there), {@code duplicated} (a second, different event at a sequence already
 * seen) or {@code unchained} (no hash at all). A byte-identical repeat, which at-least-once delivery produces, is not
 * a problem. Memory per aggregate: the last link and a short window of recent hashes.
 */
final class ChainTracker {

    /** How far from its place a moved event is searched for, and how many recent hashes are kept. */
    static final int REORDER_SEARCH = 1024;
    static final int WINDOW = 64;

    /** One event as a source holds it. {@code location} names it for the report (topic/partition@offset). */
    record Link(String aggregateId, String aggregateType, long sequence, String eventId, byte[] prevHash, byte[] hash,
            EventChain.Fields fields, String location) {
    }

    /** The first break of an aggregate's chain. */
    record Problem(String aggregateId, String aggregateType, String kind, long sequence, String eventId,
            String expected, String found, String location) {
    }

    private final Map<Long, byte[]> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > WINDOW;
        }
    };
    private long expectedSequence;
    private byte[] expectedPrevious = EventChain.genesis();
    private Problem problem;
    private long events;

    /** The aggregate's first problem so far, or null. */
    Problem problem() {
        return problem;
    }

    long events() {
        return events;
    }

    /** Takes the next event; once a problem is found, later events are only counted. */
    void accept(Link link) {
        events++;
        if (problem == null) {
            problem = check(link);
        }
    }

    private Problem check(Link link) {
        if (link.hash() == null) {
            return problem(link, "unchained", "a hash", "none");
        }
        byte[] recomputed = EventChain.hash(link.prevHash() == null ? EventChain.genesis() : link.prevHash(), link.fields());
        if (!Arrays.equals(recomputed, link.hash())) {
            long writtenAt = writtenAt(link);
            return writtenAt >= 0
                    ? problem(link, "reordered", "sequence " + writtenAt, "sequence " + link.sequence())
                    : problem(link, "altered", "hash " + EventChain.hex(link.hash()), "hash " + EventChain.hex(recomputed));
        }
        if (link.sequence() < expectedSequence) {
            byte[] seen = recent.get(link.sequence());
            if (seen != null && Arrays.equals(seen, link.hash())) {
                return null; // a redelivery of an event already checked
            }
            return problem(link, "duplicated", seen == null ? "sequence " + expectedSequence
                    : "hash " + EventChain.hex(seen), "hash " + EventChain.hex(link.hash()));
        }
        if (link.sequence() > expectedSequence) {
            return problem(link, "missing", "sequence " + expectedSequence, "sequence " + link.sequence());
        }
        if (!Arrays.equals(link.prevHash(), expectedPrevious)) {
            return problem(link, "missing", "prev_hash " + EventChain.hex(expectedPrevious),
                    "prev_hash " + EventChain.hex(link.prevHash()));
        }
        recent.put(link.sequence(), link.hash());
        expectedPrevious = link.hash();
        expectedSequence = link.sequence() + 1;
        return null;
    }

    /** The sequence number at which this content was hashed, when it is another one nearby; -1 when none is. */
    private long writtenAt(Link link) {
        EventChain.Fields f = link.fields();
        long to = Math.max(expectedSequence, f.sequence()) + REORDER_SEARCH;
        for (long candidate = Math.max(0, f.sequence() - REORDER_SEARCH); candidate <= to; candidate++) {
            if (candidate == f.sequence()) {
                continue;
            }
            EventChain.Fields moved = new EventChain.Fields(f.aggregateType(), f.aggregateId(), candidate, f.eventId(),
                    f.eventType(), f.timestampMillis(), f.actor(), f.correlationId(), f.causationId(), f.payload());
            byte[] previous = link.prevHash() == null ? EventChain.genesis() : link.prevHash();
            if (Arrays.equals(EventChain.hash(previous, moved), link.hash())) {
                return candidate;
            }
        }
        return -1;
    }

    private static Problem problem(Link link, String kind, String expected, String found) {
        return new Problem(link.aggregateId(), link.aggregateType(), kind, link.sequence(), link.eventId(), expected,
                found, link.location());
    }
}
