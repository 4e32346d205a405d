package io.lucid.schemas.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet, with their partitions and retention, then checks that
 * every topic on the cluster has the catalogue's settings. Safe to call from every service at start-up and
 * concurrently: a topic another instance created meanwhile is fine. A fatal {@link TopicMismatch} stops the
 * caller with a message naming the topic, the setting and both values; tolerated ones are logged.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicProvisioner() {
    }

    /** Creates the missing topics among {@code topics} on the cluster at {@code bootstrapServers} and checks them. */
    public static void ensure(String bootstrapServers, Collection<? extends Topic<?, ?>> topics) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            ensure(admin, topics);
        }
    }

    /**
     * Creates the missing topics, then verifies all of them.
     *
     * @throws IllegalStateException when the cluster cannot be reached or a topic has a fatal mismatch
     */
    public static void ensure(Admin admin, Collection<? extends Topic<?, ?>> topics) {
        create(admin, topics);
        List<TopicMismatch> mismatches = verify(admin, topics);
        mismatches.stream().filter(mismatch -> !mismatch.fatal()).forEach(mismatch -> LOG.warn("{}", mismatch));
        List<TopicMismatch> fatal = mismatches.stream().filter(TopicMismatch::fatal).toList();
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("Kafka topics do not match the topic catalogue (io.lucid.schemas.topic.Topics):\n  "
                    + fatal.stream().map(TopicMismatch::toString).collect(Collectors.joining("\n  "))
                    + "\nFix the topics (or delete and let them be created again) before starting.");
        }
    }

    /** Every difference between the existing topics among {@code topics} and the catalogue; missing topics are skipped. */
    public static List<TopicMismatch> verify(Admin admin, Collection<? extends Topic<?, ?>> topics) {
        return call("check the Kafka topics", () -> {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Topic<?, ?>> present = topics.stream().filter(topic -> existing.contains(topic.name()))
                    .collect(Collectors.toList());
            List<String> names = present.stream().map(Topic::name).toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicMismatch> found = new ArrayList<>();
            for (Topic<?, ?> topic : present) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                Map<String, String> values = config.entries().stream()
                        .filter(entry -> entry.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
                found.addAll(TopicSettings.mismatches(topic,
                        descriptions.get(topic.name()).partitions().size(), values));
            }
            return found;
        });
    }

    private static void create(Admin admin, Collection<? extends Topic<?, ?>> topics) {
        call("create the Kafka topics", () -> {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(TopicProvisioner::newTopic)
                    .toList();
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Another service created it between our listing and our request: that is the goal.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    private static NewTopic newTopic(Topic<?, ?> topic) {
        Map<String, String> configs = topic.retention().topicConfigs();
        return new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()).configs(configs);
    }

    private static <T> T call(String what, AdminCall<T> call) {
        try {
            return call.run();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T run() throws ExecutionException, TimeoutException, InterruptedException;
    }
}
