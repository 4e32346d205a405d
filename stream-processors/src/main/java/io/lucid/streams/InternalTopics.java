package io.lucid.streams;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates an application's repartition topics before the application starts. Kafka Streams creates them itself in
 * its first rebalance, but its consumers subscribe first and every metadata request until then reports the topics
 * as {@code UNKNOWN_TOPIC_OR_PARTITION} at WARN: an operator would learn to ignore warnings on every fresh start.
 * The settings are those Kafka Streams gives a repartition topic (it purges consumed records itself), so it accepts
 * the existing topic as its own. A created topic reaches the brokers' metadata a little after the controller
 * accepted it (seconds on a loaded machine), so {@link #awaitVisible} waits until the brokers describe every topic
 * the application reads: the consumers' first metadata request then finds them all.
 */
final class InternalTopics {

    private static final long TIMEOUT_SECONDS = 60;
    static final Map<String, String> REPARTITION_CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    private InternalTopics() {
    }

    /** The topics to create for one application, named as Kafka Streams names them. */
    static List<NewTopic> of(String applicationId, List<Catalogue.Repartition> repartitions) {
        return repartitions.stream()
                .map(r -> new NewTopic(r.topic(applicationId), Optional.of(r.partitions()), Optional.empty())
                        .configs(REPARTITION_CONFIG))
                .toList();
    }

    /** Waits until the cluster describes every one of {@code names}. */
    static void awaitVisible(String bootstrapServers, java.util.Collection<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                try {
                    admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the topics of the stream processors are not visible: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the topics within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Creates the missing ones; a topic that exists (an earlier run, another instance) is left as it is. */
    static void ensure(String bootstrapServers, List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var created : admin.createTopics(topics).values().values()) {
                try {
                    created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create a repartition topic: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the repartition topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the repartition topics within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
