package io.lucid.schemas.topic;

import java.time.Duration;
import java.util.Map;

/**
 * How long a topic keeps its records: forever (the audit log), for a while, or compacted to the newest
 * record per key. Rendered as the topic-level configs Kafka understands.
 */
public sealed interface Retention {

    /** Kafka's topic configs for this retention. */
    Map<String, String> topicConfigs();

    /** Domain events are the audit log: never deleted. */
    record Forever() implements Retention {
        @Override
        public Map<String, String> topicConfigs() {
            return Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
        }
    }

    /** Telemetry and change feeds: kept for a bounded time. */
    record Timed(Duration duration) implements Retention {
        @Override
        public Map<String, String> topicConfigs() {
            return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(duration.toMillis()));
        }
    }

    /** Latest value per key (scores, registry state). */
    record Compacted() implements Retention {
        @Override
        public Map<String, String> topicConfigs() {
            return Map.of("cleanup.policy", "compact");
        }
    }

    static Retention forever() {
        return new Forever();
    }

    static Retention timed(Duration duration) {
        return new Timed(duration);
    }

    static Retention compacted() {
        return new Compacted();
    }
}
