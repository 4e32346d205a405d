package io.lucid.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void acceptsATopicCreatedFromTheCatalogue() {
        assertThat(TopicSettings.mismatches(Topics.NODE_EVENTS, 6,
                Map.of("cleanup.policy", "delete", "retention.ms", "-1"))).isEmpty();
        assertThat(TopicSettings.mismatches(Topics.POOT_SCORES, 6,
                Map.of("cleanup.policy", "compact", "retention.ms", "604800000"))).isEmpty();
    }

    @Test
    void flagsACompactedAuditLogAsFatal() {
        List<TopicMismatch> found = TopicSettings.mismatches(Topics.NODE_EVENTS, 6,
                Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        assertThat(found).containsExactly(
                new TopicMismatch("lucid.node.events", "cleanup.policy", "delete", "compact", true));
        assertThat(found.get(0).toString())
                .isEqualTo("topic lucid.node.events: cleanup.policy is compact on the cluster but delete in the catalogue");
    }

    @Test
    void flagsFewerPartitionsAsFatalAndMorePartitionsAsTolerated() {
        assertThat(TopicSettings.mismatches(Topics.NODE_EVENTS, 1, Map.of("cleanup.policy", "delete", "retention.ms", "-1")))
                .singleElement().satisfies(mismatch -> {
                    assertThat(mismatch.setting()).isEqualTo("partitions");
                    assertThat(mismatch.fatal()).isTrue();
                });
        assertThat(TopicSettings.mismatches(Topics.NODE_EVENTS, 12, Map.of("cleanup.policy", "delete", "retention.ms", "-1")))
                .singleElement().satisfies(mismatch -> assertThat(mismatch.fatal()).isFalse());
    }

    @Test
    void toleratesATunedRetention() {
        assertThat(TopicSettings.mismatches(Topics.NODE_TELEMETRY, 6,
                Map.of("cleanup.policy", "delete", "retention.ms", "86400000")))
                .singleElement().satisfies(mismatch -> {
                    assertThat(mismatch.setting()).isEqualTo("retention.ms");
                    assertThat(mismatch.expected()).isEqualTo("604800000");
                    assertThat(mismatch.fatal()).isFalse();
                });
    }
}
