package io.lucid.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a topic as it exists on the cluster with its catalogue entry. Pure, so the rules are tested without a
 * broker; {@link TopicProvisioner} feeds it what the admin client describes.
 */
final class TopicSettings {

    static final String CLEANUP_POLICY = "cleanup.policy";
    static final String RETENTION_MS = "retention.ms";

    private TopicSettings() {
    }

    static List<TopicMismatch> mismatches(Topic<?, ?> topic, int actualPartitions, Map<String, String> actualConfigs) {
        List<TopicMismatch> found = new ArrayList<>();
        if (actualPartitions < topic.partitions()) {
            found.add(new TopicMismatch(topic.name(), "partitions", ">= " + topic.partitions(),
                    String.valueOf(actualPartitions), true));
        } else if (actualPartitions > topic.partitions()) {
            found.add(new TopicMismatch(topic.name(), "partitions", String.valueOf(topic.partitions()),
                    String.valueOf(actualPartitions), false));
        }
        Map<String, String> expected = topic.retention().topicConfigs();
        String policy = expected.get(CLEANUP_POLICY);
        if (!policy.equals(actualConfigs.get(CLEANUP_POLICY))) {
            found.add(new TopicMismatch(topic.name(), CLEANUP_POLICY, policy, actualConfigs.get(CLEANUP_POLICY), true));
        }
        String retention = expected.get(RETENTION_MS);
        if (retention != null && !retention.equals(actualConfigs.get(RETENTION_MS))) {
            found.add(new TopicMismatch(topic.name(), RETENTION_MS, retention, actualConfigs.get(RETENTION_MS), false));
        }
        return found;
    }
}
