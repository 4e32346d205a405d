package io.lucid.schemas.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The chain against a known answer computed outside Java (Python's hashlib over the layout of docs/audit.md, the
 * same vectors the doc lists), so a change of the canonical bytes cannot pass unnoticed.
 */
class EventChainTest {

    private static final byte[] PAYLOAD = {(byte) 0xC3, 0x01, 0, 1, 2, 3, 4, 5, 6, 7, 0x02, 'h', 'i'};

    static EventChain.Fields registered() {
        return new EventChain.Fields("Node", "node_alpha_01", 0, "3f2b7c1e-0000-4000-8000-000000000001",
                "io.lucid.events.node.NodeRegistered", 1764626400123L, "admin", "corr-1", null, PAYLOAD);
    }

    static EventChain.Fields activated() {
        return new EventChain.Fields("Node", "node_alpha_01", 1, "3f2b7c1e-0000-4000-8000-000000000002",
                "io.lucid.events.node.NodeActivated", 1764626401000L, "admin", "corr-2", "cause-1", PAYLOAD);
    }

    @Test
    void canonicalBytesMatchTheDocumentedLayout() {
        assertEquals("000000146c756369642d6576656e742d636861696e2d7631000000044e6f64650000000d6e6f64655f616c7068615f"
                + "303100000001300000002433663262376331652d303030302d343030302d383030302d303030303030303030303031000000"
                + "23696f2e6c756369642e6576656e74732e6e6f64652e4e6f6465526567697374657265640000000d31373634363236343030"
                + "3132330000000561646d696e00000006636f72722d31ffffffff0000000dc3010001020304050607026869",
                EventChain.hex(EventChain.canonical(registered())));
    }

    @Test
    void chainsFromThirtyTwoZeroBytes() {
        byte[] first = EventChain.hash(EventChain.genesis(), registered());
        assertEquals("5b235cd850bec8158277dc496f6f474587c2e31711cc4141aa55786b977ba3b5", EventChain.hex(first));
        assertEquals("bad56629a4fb054cde384efd52befc6f4d95cb70f34922ef77945def7bb362df",
                EventChain.hex(EventChain.hash(first, activated())));
    }

    @Test
    void absentAndEmptyFieldsHashDifferently() {
        EventChain.Fields withEmptyCausation = new EventChain.Fields("Node", "node_alpha_01", 0,
                "3f2b7c1e-0000-4000-8000-000000000001", "io.lucid.events.node.NodeRegistered", 1764626400123L,
                "admin", "corr-1", "", PAYLOAD);
        assertNotEquals(EventChain.hex(EventChain.hash(EventChain.genesis(), registered())),
                EventChain.hex(EventChain.hash(EventChain.genesis(), withEmptyCausation)));
    }

    @Test
    void oneChangedPayloadByteChangesTheHash() {
        byte[] altered = PAYLOAD.clone();
        altered[12] ^= 1;
        EventChain.Fields original = registered();
        EventChain.Fields tampered = new EventChain.Fields(original.aggregateType(), original.aggregateId(),
                original.sequence(), original.eventId(), original.eventType(), original.timestampMillis(),
                original.actor(), original.correlationId(), original.causationId(), altered);
        assertNotEquals(EventChain.hex(EventChain.hash(EventChain.genesis(), original)),
                EventChain.hex(EventChain.hash(EventChain.genesis(), tampered)));
    }

    @Test
    void hexRoundTripsInLowerCase() {
        byte[] hash = EventChain.hash(EventChain.genesis(), registered());
        assertEquals(EventChain.hex(hash).toLowerCase(java.util.Locale.ROOT), EventChain.hex(hash));
        assertArrayEquals(hash, EventChain.fromHex(EventChain.hex(hash).toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void refusesAPreviousHashOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> EventChain.hash(new byte[31], registered()));
    }
}
