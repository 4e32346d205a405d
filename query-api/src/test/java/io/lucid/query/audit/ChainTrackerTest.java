package io.lucid.query.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lucid.schemas.audit.EventChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of break, found at the exact event, on chains built with the production hash. */
class ChainTrackerTest {

    private static EventChain.Fields fields(long sequence, String payloadText) {
        return new EventChain.Fields("Node", "node_a", sequence, "event-" + sequence, "io.lucid.events.node.NodeActivated",
                1_764_626_400_000L + sequence, "admin", "corr", null, payloadText.getBytes());
    }

    /** A valid chain of {@code n} events. */
    private static List<ChainTracker.Link> chain(int n) {
        List<ChainTracker.Link> links = new ArrayList<>();
        byte[] previous = EventChain.genesis();
        for (int i = 0; i < n; i++) {
            EventChain.Fields f = fields(i, "payload " + i);
            byte[] hash = EventChain.hash(previous, f);
            links.add(new ChainTracker.Link("node_a", "Node", i, f.eventId(), previous, hash, f, "at " + i));
            previous = hash;
        }
        return links;
    }

    private static ChainTracker.Problem run(List<ChainTracker.Link> links) {
        ChainTracker tracker = new ChainTracker();
        links.forEach(tracker::accept);
        return tracker.problem();
    }

    /** The link with its stored hashes kept but its content changed (as tampering in place leaves it). */
    private static ChainTracker.Link withFields(ChainTracker.Link link, EventChain.Fields fields) {
        return new ChainTracker.Link(link.aggregateId(), link.aggregateType(), fields.sequence(), link.eventId(),
                link.prevHash(), link.hash(), fields, link.location());
    }

    @Test
    void anIntactChainHasNoProblem() {
        assertNull(run(chain(5)));
    }

    @Test
    void aRedeliveredEventIsNoProblem() {
        List<ChainTracker.Link> links = chain(4);
        links.add(2, links.get(1));
        assertNull(run(links));
    }

    @Test
    void anAlteredPayloadIsReportedAtThatEvent() {
        List<ChainTracker.Link> links = chain(5);
        links.set(2, withFields(links.get(2), fields(2, "payload 2!")));
        ChainTracker.Problem problem = run(links);
        assertEquals("altered", problem.kind());
        assertEquals(2, problem.sequence());
        assertEquals("event-2", problem.eventId());
        assertEquals("hash " + EventChain.hex(links.get(2).hash()), problem.expected());
    }

    @Test
    void aDeletedEventIsReportedAsTheMissingSequence() {
        List<ChainTracker.Link> links = chain(5);
        links.remove(2);
        ChainTracker.Problem problem = run(links);
        assertEquals("missing", problem.kind());
        assertEquals("sequence 2", problem.expected());
        assertEquals("sequence 3", problem.found());
        assertEquals("event-3", problem.eventId());
    }

    @Test
    void swappedSequenceNumbersAreReportedAsReordered() {
        List<ChainTracker.Link> links = chain(5);
        ChainTracker.Link one = links.get(1);
        ChainTracker.Link two = links.get(2);
        EventChain.Fields twoAtOne = new EventChain.Fields("Node", "node_a", 1, two.eventId(), two.fields().eventType(),
                two.fields().timestampMillis(), "admin", "corr", null, two.fields().payload());
        EventChain.Fields oneAtTwo = new EventChain.Fields("Node", "node_a", 2, one.eventId(), one.fields().eventType(),
                one.fields().timestampMillis(), "admin", "corr", null, one.fields().payload());
        links.set(1, withFields(two, twoAtOne));
        links.set(2, withFields(one, oneAtTwo));
        ChainTracker.Problem problem = run(links);
        assertEquals("reordered", problem.kind());
        assertEquals(1, problem.sequence());
        assertEquals("event-2", problem.eventId());
        assertEquals("sequence 2", problem.expected());
    }

    @Test
    void aSecondDifferentEventAtASequenceIsADuplicate() {
        List<ChainTracker.Link> links = chain(4);
        EventChain.Fields other = fields(1, "another payload");
        byte[] hash = EventChain.hash(links.get(0).hash(), other);
        links.add(new ChainTracker.Link("node_a", "Node", 1, "event-1", links.get(0).hash(), hash, other, "forged"));
        ChainTracker.Problem problem = run(links);
        assertEquals("duplicated", problem.kind());
        assertEquals("forged", problem.location());
        assertEquals("hash " + EventChain.hex(links.get(1).hash()), problem.expected());
    }

    @Test
    void anEventWithoutAHashIsUnchained() {
        List<ChainTracker.Link> links = chain(2);
        ChainTracker.Link first = links.get(0);
        links.set(0, new ChainTracker.Link("node_a", "Node", 0, first.eventId(), null, null, first.fields(), "at 0"));
        assertEquals("unchained", run(links).kind());
    }
}
