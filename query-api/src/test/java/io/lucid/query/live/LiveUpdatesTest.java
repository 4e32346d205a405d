package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveUpdatesTest {

    private final Fixtures.Bench bench = new Fixtures.Bench();

    private RecordingSink subscribed(String since) {
        RecordingSink sink = new RecordingSink();
        LiveConnection connection = bench.connect(sink);
        connection.opened(Optional.of("admin-token"));
        connection.received("{\"type\":\"subscribe\",\"channel\":\"nodes\""
                + (since == null ? "" : ",\"since\":" + since) + "}");
        return sink;
    }

    @Test
    void everySubscriberOfAChannelWritesTheSameBytesEncodedOnce() {
        RecordingSink first = subscribed(null);
        RecordingSink second = subscribed(null);

        bench.publish(bench.nodes.put("node_abc123", 1));

        assertThat(first.sharedBytes).hasSize(1);
        assertThat(second.sharedBytes).singleElement().isSameAs(first.sharedBytes.get(0));
        assertThat(new String(first.sharedBytes.get(0), StandardCharsets.UTF_8)).isEqualTo(first.sent.get(2));
    }

    @Test
    void aRedeliveredChangeGoesToNobodyYetAResumeBridgesItsVersion() {
        RecordingSink live = subscribed(null);
        bench.publish(bench.nodes.put("node_abc123", 1));
        long before = bench.lastNodeVersion();

        // The outbox publishes at least once: the same row version again, at a new offset.
        bench.publish(new LiveUpdates.Change("node", "node_abc123", 1, Fixtures.node("node_abc123"), -1, 0));
        bench.publish(bench.nodes.put("node_abc123", 2));

        assertThat(live.sent).hasSize(4); // auth_success, snapshot, version 1, version 3
        assertThat(live.sent.get(3)).contains("\"version\":" + (before + 2));
        RecordingSink resumed = subscribed(Long.toString(before));
        assertThat(resumed.sent).hasSize(3);
        assertThat(resumed.sent.get(1)).contains("\"type\":\"resumed\"");
        assertThat(resumed.sent.get(2)).contains("\"version\":" + (before + 2));
        assertThat(List.copyOf(live.sent)).noneMatch(text -> text.contains("\"version\":" + (before + 1) + ","));
    }
}
