package io.lucid.schemas.topic;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalogue's topics that do not exist yet, with their partitions and retention. Safe to call
 * from every service at start-up and concurrently: a topic another instance created meanwhile is fine.
 */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 60;

    private TopicProvisioner() {
    }

    /** Creates the missing topics among {@code topics} on the cluster at {@code bootstrapServers}. */
    public static void ensure(String bootstrapServers, Collection<? extends Topic<?, ?>> topics) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            ensure(admin, topics);
        }
    }

    public static void ensure(Admin admin, Collection<? extends Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(TopicProvisioner::newTopic)
                    .toList();
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topics", e);
        }
    }

    private static NewTopic newTopic(Topic<?, ?> topic) {
        Map<String, String> configs = topic.retention().topicConfigs();
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()).configs(configs);
    }
}
