package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.query.view.AccessScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final RecordingSink sink = new RecordingSink();
    private final SendQueue queue = new SendQueue(sink, Fixtures.CODEC, 256);

    private Subscription subscribe(String channel) {
        return new Subscription(Fixtures.views(new Fixtures.Rows()).parse(channel).orElseThrow(), queue,
                AccessScope.ALL);
    }

    @Test
    void neverSendsAVersionAtOrBelowTheSnapshot() {
        Subscription subscription = subscribe("node:node_a1");
        subscription.deliverSnapshot(new Channel.Snapshot(3, "\"v3\"", Map.of("node_a1", 3L)));

        subscription.update("node_a1", 2, "\"v2\"");
        subscription.update("node_a1", 3, "\"v3\"");
        subscription.update("node_a1", 4, "\"v4\"");
        subscription.update("node_a1", 4, "\"v4\"");

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":3,\"data\":\"v3\"}",
                "{\"type\":\"update\",\"channel\":\"node:node_a1\",\"version\":4,\"data\":\"v4\"}");
    }

    @Test
    void aChangeThatRacesTheSnapshotIsSentAfterItWhenNewer() {
        Subscription subscription = subscribe("node:node_a1");
        subscription.update("node_a1", 2, "\"v2\"");
        subscription.update("node_a1", 1, "\"v1\"");

        subscription.deliverSnapshot(new Channel.Snapshot(1, "\"v1\"", Map.of("node_a1", 1L)));

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":1,\"data\":\"v1\"}",
                "{\"type\":\"update\",\"channel\":\"node:node_a1\",\"version\":2,\"data\":\"v2\"}");
    }

    @Test
    void aChangeAlreadyInTheSnapshotIsNotSentAgain() {
        Subscription subscription = subscribe("node:node_a1");
        subscription.update("node_a1", 2, "\"v2\"");

        subscription.deliverSnapshot(new Channel.Snapshot(2, "\"v2\"", Map.of("node_a1", 2L)));

        assertThat(sink.sent).hasSize(1).first().asString().startsWith("{\"type\":\"snapshot\"");
    }

    @Test
    void aNodeThatDidNotExistGetsItsFirstVersion() {
        Subscription subscription = subscribe("node:node_a1");
        subscription.deliverSnapshot(new Channel.Snapshot(0, null, Map.of()));

        subscription.update("node_a1", 1, "\"v1\"");

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"node:node_a1\",\"version\":0,\"data\":null}",
                "{\"type\":\"update\",\"channel\":\"node:node_a1\",\"version\":1,\"data\":\"v1\"}");
    }

    @Test
    void theNodesChannelTracksVersionsPerNode() {
        Subscription subscription = subscribe("nodes");
        subscription.deliverSnapshot(new Channel.Snapshot(0, "\"list\"", Map.of("node_a1", 2L)));

        subscription.update("node_a1", 2, "\"a2\"");
        subscription.update("node_b1", 1, "\"b1\"");
        subscription.update("node_a1", 3, "\"a3\"");

        assertThat(sink.sent).containsExactly(
                "{\"type\":\"snapshot\",\"channel\":\"nodes\",\"version\":0,\"data\":\"list\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":1,\"data\":\"b1\"}",
                "{\"type\":\"update\",\"channel\":\"nodes\",\"version\":3,\"data\":\"a3\"}");
    }
}
