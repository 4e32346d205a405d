package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    private final RecordingSink sink = new RecordingSink();
    private final Fixtures.TestClock clock = new Fixtures.TestClock();
    private final SendQueue queue = new SendQueue(sink, Fixtures.CODEC, 3, Duration.ofSeconds(2), clock);

    @Test
    void sendsInOrderWhileTheClientKeepsUp() {
        queue.send(new ServerFrame.Pong());
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 1, null));

        assertThat(sink.sent).hasSize(2);
        assertThat(queue.pendingCount()).isZero();
    }

    @Test
    void coalescesPendingStatesOfOneEntityNewestWins() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 2, "\"v2\""));
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 3, "\"v3\""));
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 4, "\"v4\""));

        assertThat(queue.pendingCount()).isEqualTo(1);
        sink.resume();
        assertThat(sink.sent).containsExactly("{\"type\":\"pong\"}",
                "{\"type\":\"update\",\"channel\":\"node:a\",\"version\":4,\"data\":\"v4\"}");
    }

    @Test
    void aPendingSnapshotStaysASnapshotWhenAnUpdateCoalescesIntoIt() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        queue.sendState("node:a|a", ServerFrame.State.snapshot("node:a", 1, "\"v1\"", true));
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 2, "\"v2\""));
        sink.resume();

        assertThat(sink.sent).last()
                .isEqualTo("{\"type\":\"snapshot\",\"channel\":\"node:a\",\"version\":2,\"reset\":true,\"data\":\"v2\"}");
    }

    @Test
    void aCoalescedStateMovesToTheEndSoTheChannelsVersionsStillRise() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        queue.sendState("nodes|a", ServerFrame.State.update("nodes", 10, "\"a10\""));
        queue.sendState("nodes|b", ServerFrame.State.update("nodes", 12, "\"b12\""));
        queue.sendState("nodes|a", ServerFrame.State.update("nodes", 15, "\"a15\""));
        sink.resume();

        assertThat(sink.sent).containsExactly("{\"type\":\"pong\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":12,\"data\":\"b12\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":15,\"data\":\"a15\"}");
    }

    @Test
    void sendsAFrameEncodedForTheChannelAsItIs() {
        ServerFrame.State shared = ServerFrame.State.update("nodes", 1, "\"x\"").encodedBy(Fixtures.CODEC);

        queue.sendState("nodes|a", shared);

        assertThat(sink.sent).singleElement().isSameAs(shared.text());
    }

    @Test
    void closesASlowConsumerWhenTheQueueStaysFullForTheGracePeriod() {
        sink.stall();
        queue.send(new ServerFrame.Pong()); // in flight
        for (String id : new String[] {"a", "b", "c", "d"}) {
            queue.sendState("nodes|" + id, ServerFrame.State.update("nodes", 1, null));
        }
        clock.advance(Duration.ofMillis(1999));
        queue.checkSlow();
        assertThat(sink.closeCode).as("full, within the grace period").isNull();

        clock.advance(Duration.ofMillis(1));
        queue.checkSlow();

        assertThat(sink.closeCode).isEqualTo(4408);
        assertThat(sink.closeReason).isEqualTo("slow consumer");
        assertThat(queue.isClosed()).isTrue();
        sink.resume();
        assertThat(sink.sent).hasSize(1);
    }

    @Test
    void aQueueThatDrainsBelowItsCapacityIsNotSlow() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        for (String id : new String[] {"a", "b", "c", "d"}) {
            queue.sendState("nodes|" + id, ServerFrame.State.update("nodes", 1, null));
        }
        sink.resume();
        clock.advance(Duration.ofSeconds(5));
        queue.checkSlow();

        assertThat(sink.closeCode).isNull();
        assertThat(sink.sent).hasSize(5);
    }

    @Test
    void closesAtOnceAtTwiceTheCapacity() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        for (String id : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
            queue.sendState("nodes|" + id, ServerFrame.State.update("nodes", 1, null));
        }

        assertThat(sink.closeCode).isEqualTo(4408);
    }

    @Test
    void discardsTheStatesOfAnUnsubscribedChannel() {
        sink.stall();
        queue.send(new ServerFrame.Pong());
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 1, null));
        queue.sendState("nodes|a", ServerFrame.State.update("nodes", 1, null));

        queue.discard("node:a|");
        sink.resume();

        assertThat(sink.sent).hasSize(2).last().asString().contains("\"channel\":\"nodes\"");
    }

    @Test
    void closesAfterThePendingFramesWereSent() {
        sink.stall();
        queue.send(new ServerFrame.Error("unauthorized", "bad token", null));
        queue.closeAfterPending(4401, "unauthorized");
        assertThat(sink.closeCode).isNull();

        sink.resume();

        assertThat(sink.sent).hasSize(1);
        assertThat(sink.closeCode).isEqualTo(4401);
    }
}
