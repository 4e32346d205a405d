package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void parsesTheNodeChannels() {
        assertThat(Channel.parse("node:node_abc123")).contains(new Channel.Node("node_abc123"));
        assertThat(Channel.parse("nodes")).contains(new Channel.Nodes());
    }

    @Test
    void rejectsUnknownOrMalformedChannels() {
        assertThat(Channel.parse("pools")).isEmpty();
        assertThat(Channel.parse("node:")).isEmpty();
        assertThat(Channel.parse("node:a b")).isEmpty();
        assertThat(Channel.parse(null)).isEmpty();
    }

    @Test
    void aNodeChannelIsReadableByReadersOfEverythingAndTheNodeItself() {
        Channel own = new Channel.Node("node_abc123");
        Channel other = new Channel.Node("node_other1");

        assertThat(own.mayBeReadBy(Fixtures.ADMIN)).isTrue();
        assertThat(own.mayBeReadBy(Fixtures.AUDITOR)).isTrue();
        assertThat(own.mayBeReadBy(Fixtures.NODE_ABC)).isTrue();
        assertThat(other.mayBeReadBy(Fixtures.NODE_ABC)).isFalse();
        assertThat(own.mayBeReadBy(Fixtures.DEVICE)).isFalse();
    }

    @Test
    void theNodesChannelNeedsTheRightToListNodes() {
        assertThat(new Channel.Nodes().mayBeReadBy(Fixtures.AUDITOR)).isTrue();
        assertThat(new Channel.Nodes().mayBeReadBy(Fixtures.NODE_ABC)).isFalse();
        assertThat(new Channel.Nodes().mayBeReadBy(Fixtures.DEVICE)).isFalse();
    }

    @Test
    void snapshotsAMissingNodeAsVersionZeroWithoutData() {
        Channel.Snapshot snapshot = new Channel.Node("node_x1").snapshot(new Fixtures.Nodes());

        assertThat(snapshot.version()).isZero();
        assertThat(snapshot.data()).isNull();
        assertThat(snapshot.versionsById()).isEmpty();
    }

    @Test
    void snapshotsTheNodesListWithEachNodesVersion() {
        Fixtures.Nodes nodes = new Fixtures.Nodes();
        nodes.put(Fixtures.node("node_a1", 2));
        nodes.put(Fixtures.node("node_b1", 5));

        Channel.Snapshot snapshot = new Channel.Nodes().snapshot(nodes);

        assertThat(snapshot.versionsById()).containsEntry("node_a1", 2L).containsEntry("node_b1", 5L);
        assertThat(((Channel.NodeList) snapshot.data()).items()).hasSize(2);
    }
}
