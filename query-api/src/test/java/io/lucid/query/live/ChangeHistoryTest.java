package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeHistoryTest {

    private final ChangeHistory history = new ChangeHistory(3);

    @Test
    void knowsNoVersionBeforeTheFeedIsRead() {
        assertThat(history.partitionOf("node")).isEqualTo(-1);
        assertThat(history.last("node")).isZero();
        assertThat(history.after("node", "nodes", 0)).isEmpty();
    }

    @Test
    void startsWhereTheFeedIsReadFrom() {
        start(40);

        assertThat(history.last("node")).isEqualTo(40);
        assertThat(history.after("node", "nodes", 40)).contains(List.of());
        assertThat(history.after("node", "nodes", 39)).as("before the start: unknown").isEmpty();
    }

    @Test
    void givesTheChangesOfOneChannelAfterAVersionInOrder() {
        start(0);
        append(1, "a", "nodes", "node:a");
        append(2, "b", "nodes", "node:b");
        append(3, "a", "nodes", "node:a");

        assertThat(history.after("node", "nodes", 1).orElseThrow()).extracting(ChangeHistory.Entry::version)
                .containsExactly(2L, 3L);
        assertThat(history.after("node", "node:a", 0).orElseThrow()).extracting(ChangeHistory.Entry::version)
                .containsExactly(1L, 3L);
        assertThat(history.after("node", "nodes", 3)).contains(List.of());
    }

    @Test
    void aVersionAheadOfThisInstanceOrBeyondTheHistoryCannotBeServed() {
        start(0);
        for (long version = 1; version <= 5; version++) {
            append(version, "a", "nodes");
        }

        assertThat(history.after("node", "nodes", 6)).as("ahead").isEmpty();
        assertThat(history.after("node", "nodes", 1)).as("evicted").isEmpty();
        assertThat(history.after("node", "nodes", 2).orElseThrow()).hasSize(3);
    }

    @Test
    void anUnreadableRecordCannotBeBridged() {
        start(0);
        append(1, "a", "nodes");
        history.skip(history.partitionOf("node"), 2);
        append(3, "a", "nodes");

        assertThat(history.after("node", "nodes", 1)).isEmpty();
        assertThat(history.after("node", "nodes", 2).orElseThrow()).hasSize(1);
    }

    @Test
    void aRedeliveredRecordIsKeptOnce() {
        start(0);
        append(1, "a", "nodes");
        append(1, "a", "nodes");

        assertThat(history.after("node", "nodes", 0).orElseThrow()).hasSize(1);
    }

    private void start(long position) {
        for (int partition = 0; partition < 3; partition++) {
            history.start(partition, 3, position);
        }
    }

    private void append(long version, String id, String... channels) {
        history.append(history.partitionOf("node"),
                new ChangeHistory.Entry(version, "node", id, version, "{}", List.of(channels), null));
    }
}
