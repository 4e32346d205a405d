package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.query.view.AccessScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final RecordingSink sink = new RecordingSink();
    private final SendQueue queue = new SendQueue(sink, Fixtures.CODEC, 256);

    private Subscription subscribe(String channel, AccessScope scope) {
        return new Subscription(Fixtures.views(new Fixtures.Rows()).parse(channel).orElseThrow(), queue, scope);
    }

    private static ServerFrame.State frame(String channel, long version, String data) {
        return ServerFrame.State.update(channel, version, data);
    }

    @Test
    void neverSendsAChannelVersionAtOrBelowOneAlreadySent() {
        Subscription subscription = subscribe("node:node_a1", AccessScope.ALL);
        subscription.deliverSnapshot(10, new Channel.Snapshot("\"v3\"", Map.of("node_a1", 3L)), false);

        subscription.update("node_a1", 4, frame("node:node_a1", 9, "\"old\""));
        subscription.update("node_a1", 4, frame("node:node_a1", 11, "\"v4\""));
        subscription.update("node_a1", 5, frame("node:node_a1", 11, "\"again\""));

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":10,\"data\":\"v3\"}",
                "{\"type\":\"update\",\"channel\":\"node:node_a1\",\"version\":11,\"data\":\"v4\"}");
    }

    @Test
    void aChangeThatRacesTheSnapshotIsSentAfterItWhenNewer() {
        Subscription subscription = subscribe("node:node_a1", AccessScope.ALL);
        subscription.update("node_a1", 2, frame("node:node_a1", 12, "\"v2\""));

        subscription.deliverSnapshot(11, new Channel.Snapshot("\"v1\"", Map.of("node_a1", 1L)), false);

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":11,\"data\":\"v1\"}",
                "{\"type\":\"update\",\"channel\":\"node:node_a1\",\"version\":12,\"data\":\"v2\"}");
    }

    @Test
    void aRowTheSnapshotAlreadyShowsNewerIsNotSentAgain() {
        // The database may be ahead of the feed: the snapshot has row version 2 before the feed delivers it.
        Subscription subscription = subscribe("nodes", AccessScope.ALL);
        subscription.deliverSnapshot(5, new Channel.Snapshot("\"list\"", Map.of("node_a1", 2L)), false);

        subscription.update("node_a1", 2, frame("nodes", 6, "\"a2\""));
        subscription.update("node_b1", 1, frame("nodes", 7, "\"b1\""));

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":5,\"data\":\"list\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":7,\"data\":\"b1\"}");
    }

    @Test
    void resumeReplaysTheMissedChangesThenTheRacingOnesWithoutDuplicates() {
        Subscription subscription = subscribe("nodes", AccessScope.ALL);
        subscription.update("node_b1", 1, frame("nodes", 7, "\"b1\""));
        subscription.update("node_c1", 1, frame("nodes", 8, "\"c1\""));

        subscription.resume(5, List.of(entry(6, "node_a1", "{\"node_id\":\"node_a1\"}"),
                entry(7, "node_b1", "{\"node_id\":\"node_b1\"}")), Fixtures.CODEC);

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"resumed\",\"channel\":\"nodes\",\"since\":5}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":6,\"data\":{\"node_id\":\"node_a1\"}}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":7,\"data\":{\"node_id\":\"node_b1\"}}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":8,\"data\":\"c1\"}");
    }

    @Test
    void resumeShowsARestrictedSubscriberOnlyItsRows() {
        Subscription subscription = subscribe("nodes", new AccessScope.Field("node_id", "node_a1"));

        subscription.resume(5, List.of(entry(6, "node_b1", "{\"node_id\":\"node_b1\"}"),
                entry(7, "node_a1", "{\"node_id\":\"node_a1\"}"), entry(8, "node_b1", null)), Fixtures.CODEC);

        assertThat(sink.sent).hasSize(2).last().asString().contains("\"version\":7", "node_a1");
    }

    @Test
    void anUnrestrictedSubscriptionForgetsEachSnapshotRowOnceTheFeedPassesIt() {
        Subscription subscription = subscribe("nodes", AccessScope.ALL);
        subscription.deliverSnapshot(5, new Channel.Snapshot("\"list\"", Map.of("node_a1", 2L, "node_b1", 1L)), false);
        assertThat(subscription.trackedRows()).isEqualTo(2);

        subscription.update("node_a1", 3, frame("nodes", 6, "\"a3\""));
        subscription.update("node_b1", 2, frame("nodes", 7, "\"b2\""));
        for (int i = 0; i < 100; i++) {
            subscription.update("node_new" + i, 1, frame("nodes", 8 + i, "\"n\""));
        }

        // Rows sent from the feed leave no state behind: memory does not grow with rows times subscribers.
        assertThat(subscription.trackedRows()).isZero();
        assertThat(sink.sent).hasSize(1 + 2 + 100);
    }

    @Test
    void aRestrictedSubscriberSeesTheDeletionOfARowItWasShownAndOnlyThat() {
        Subscription subscription = subscribe("nodes", new AccessScope.Field("node_id", "node_a1"));
        subscription.deliverSnapshot(5, new Channel.Snapshot("[]", Map.of()), false);
        subscription.update("node_a1", 1, frame("nodes", 6, "{\"node_id\":\"node_a1\"}"));

        assertThat(subscription.mayShow("node_a1", null)).isTrue();
        assertThat(subscription.mayShow("node_b1", null)).isFalse();
        assertThat(subscribe("nodes", AccessScope.ALL).mayShow("node_b1", null)).isTrue();
    }

    @Test
    void theQueueKeyGivenByTheFanOutIsTheOneItsOwnUpdatesUse() {
        Subscription subscription = subscribe("nodes", AccessScope.ALL);
        subscription.deliverSnapshot(5, new Channel.Snapshot("\"list\"", Map.of()), false);
        sink.stall();
        subscription.update("node_a1", 1, frame("nodes", 6, "\"a1\""));
        subscription.update("node_b1", 1, Subscription.queueKey("nodes", "node_b1"), frame("nodes", 7, "\"b1\""));
        subscription.update("node_b1", 2, Subscription.queueKey("nodes", "node_b1"), frame("nodes", 8, "\"b2\""));
        subscription.update("node_a1", 2, frame("nodes", 9, "\"a2\""));
        sink.resume();

        // The first update was in flight; the rest coalesced per row, newest wins, versions still rising.
        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":5,\"data\":\"list\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":6,\"data\":\"a1\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":8,\"data\":\"b2\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":9,\"data\":\"a2\"}");
    }

    private static ChangeHistory.Entry entry(long version, String id, String body) {
        return new ChangeHistory.Entry(version, "node", id, 1, body, List.of("nodes"), null);
    }
}
