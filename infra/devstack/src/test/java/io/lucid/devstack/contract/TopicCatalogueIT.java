package io.lucid.devstack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.view.ViewChanged;
import io.lucid.schemas.topic.Retention;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.TopicMismatch;
import io.lucid.schemas.topic.TopicProvisioner;
import io.lucid.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack's broker holds every catalogue topic with the catalogue's settings, and a drifted topic is reported. */
class TopicCatalogueIT {

    private static TestStack stack;
    private static Admin admin;

    @BeforeAll
    static void connect() {
        stack = TestStacks.get();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void everyCatalogueTopicExistsWithItsSettings() throws Exception {
        TopicProvisioner.ensure(admin, Topics.all());

        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                .containsAll(Topics.all().stream().map(Topic::name).toList());
        assertThat(TopicProvisioner.verify(admin, Topics.all())).filteredOn(TopicMismatch::fatal).isEmpty();
    }

    @Test
    void onlyCatalogueTopicsAreInThePublicNamespaceAndTheRelayOffsetsAreOutsideIt() throws Exception {
        // The relay has written its offsets by the time the stack is up; every service has created its topics.
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().sorted().toList();
        List<String> catalogue = Topics.all().stream().map(Topic::name).toList();

        assertThat(names).filteredOn(name -> name.startsWith(Topics.PUBLIC_PREFIX))
                .as("topics an analytics client reading lucid\\..* would decode as Avro")
                .allSatisfy(name -> assertThat(catalogue).contains(name));
        assertThat(names).contains(Topics.RELAY_OFFSETS, "_schemas");
    }

    @Test
    void provisioningTwiceChangesNothing() {
        TopicProvisioner.ensure(admin, Topics.all());
        TopicProvisioner.ensure(admin, Topics.all());
    }

    @Test
    void refusesATopicWhosePolicyAndPartitionsDriftedNamingBoth() throws Exception {
        String name = "contract.drifted." + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
        Topic<String, ViewChanged> declared = new Topic<>(name, 3, Retention.forever(), Serdes.String(),
                ViewChanged.class, "id", "a topic that drifted", List.of(ViewChanged.class));

        assertThatThrownBy(() -> TopicProvisioner.ensure(admin, List.of(declared)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + name + ": partitions is 1 on the cluster but >= 3 in the catalogue")
                .hasMessageContaining("topic " + name + ": cleanup.policy is compact on the cluster but delete in the catalogue");
    }
}
