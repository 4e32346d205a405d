package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendQueueTest {

    private final RecordingSink sink = new RecordingSink();
    private final SendQueue queue = new SendQueue(sink, Fixtures.CODEC, 3);

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
        queue.sendState("node:a|a", ServerFrame.State.snapshot("node:a", 1, "\"v1\""));
        queue.sendState("node:a|a", ServerFrame.State.update("node:a", 2, "\"v2\""));
        sink.resume();

        assertThat(sink.sent).last().isEqualTo("{\"type\":\"snapshot\",\"channel\":\"node:a\",\"version\":2,\"data\":\"v2\"}");
    }

    @Test
    void closesASlowConsumerWhenTheQueueStaysFull() {
        sink.stall();
        queue.send(new ServerFrame.Pong()); // in flight
        queue.sendState("nodes|a", ServerFrame.State.update("nodes", 1, null));
        queue.sendState("nodes|b", ServerFrame.State.update("nodes", 1, null));
        queue.sendState("nodes|c", ServerFrame.State.update("nodes", 1, null));
        assertThat(sink.closeCode).isNull();

        queue.sendState("nodes|d", ServerFrame.State.update("nodes", 1, null));

        assertThat(sink.closeCode).isEqualTo(4408);
        assertThat(sink.closeReason).isEqualTo("slow consumer");
        assertThat(queue.isClosed()).isTrue();
        sink.resume();
        assertThat(sink.sent).hasSize(1);
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
