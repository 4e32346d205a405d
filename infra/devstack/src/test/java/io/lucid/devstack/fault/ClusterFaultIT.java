package io.lucid.devstack.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.KafkaBroker;
import io.lucid.devstack.StackConfig;
import io.lucid.devstack.fault.SteadyLoad.Outcome;
import io.lucid.devstack.test.EmbeddedTestStack;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * A stack on a local cluster of three brokers (replication factor 3, {@code min.insync.replicas} 2 for every topic)
 * under a steady load of commands: one broker is killed with SIGKILL, kept down, and started again; twice, first the
 * leader of partition 0 of {@code lucid.node.events}, then the active controller. While it is down the relay keeps
 * publishing (two of three replicas are in sync, enough for acks=all) and the stream processors keep committing;
 * after its restart its replicas are back in every ISR; and every acknowledged command is in the event store, on its
 * topic exactly once and readable from query-api (docs/reliability.md, "Broker cluster").
 */
class ClusterFaultIT {

    private static final int BROKERS = 3;
    private static final int THREADS = Integer.getInteger("lucid.fault.threads", 3);
    /** How long the broker stays dead at least: past the controller's broker session timeout (9 s) that fences it. */
    private static final int DOWN_SECONDS = Integer.getInteger("lucid.fault.cluster.down.seconds", 12);
    /** The Kafka Streams applications that read lucid.node.events (StreamsProperties: {@code lucid-<name>}). */
    private static final Set<String> NODE_EVENT_READERS = Set.of("lucid-pools", "lucid-liveness");

    /** One kill: which broker, why it was chosen, and how long each step of the recovery took. */
    private record Round(String role, int node, long fencedMillis, long publishedMillis, long streamsMillis,
            long rejoinMillis) {
    }

    @Test
    void nothingAcknowledgedIsLostWhenABrokerOfTheClusterIsKilled() throws Exception {
        try (EmbeddedTestStack stack = EmbeddedTestStack.startOwn(dir -> StackConfig.forTests(dir, BROKERS));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<String> topics = replicatedTopics(admin);
            assertReplicated(admin, topics);
            List<Round> rounds = new ArrayList<>();
            List<Outcome> outcomes;
            try (SteadyLoad load = new SteadyLoad(stack, THREADS, 20)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged(load, 0) >= 10);
                rounds.add(killAndRestart(stack, admin, load, topics, "leader of lucid.node.events-0",
                        describe(admin, List.of(Topics.NODE_EVENTS.name())).get(Topics.NODE_EVENTS.name())
                                .partitions().get(0).leader().id()));
                rounds.add(killAndRestart(stack, admin, load, topics, "active controller",
                        admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId()));
                load.close();
                outcomes = load.outcomes();
                assertThat(load.failures()).isEmpty();
            }
            Map<Integer, Long> byStatus = outcomes.stream().collect(Collectors.groupingBy(Outcome::status,
                    TreeMap::new, Collectors.counting()));
            assertThat(outcomes).as("a broker lost from three is invisible to clients: every command acknowledged")
                    .allSatisfy(o -> assertThat(o.acknowledged()).as(o.toString()).isTrue());
            int stored = Acknowledged.assertKept(stack, outcomes);
            System.out.printf("ClusterFaultIT: %d commands sent, %d acknowledged, %d found in the event store, on the"
                    + " topics and in query-api; by status %s%n", outcomes.size(),
                    outcomes.stream().filter(Outcome::acknowledged).count(), stored, byStatus);
            for (Round round : rounds) {
                System.out.printf("ClusterFaultIT: killed broker %d (%s): fenced after %d ms; commands acknowledged"
                        + " after the kill published after %d ms and consumed by the stream processors after %d ms;"
                        + " back in every ISR %d ms after its restart%n", round.node(), round.role(),
                        round.fencedMillis(), round.publishedMillis(), round.streamsMillis(), round.rejoinMillis());
            }
        }
    }

    /**
     * Kills broker {@code node}; while it is down, waits until the controller fenced it (it left the ISRs), until
     * commands acknowledged after the kill are on their topics (the relay publishes) and until the stream processors
     * committed past them; then starts it again and waits until its replicas are back in every ISR.
     */
    private static Round killAndRestart(EmbeddedTestStack stack, Admin admin, SteadyLoad load, List<String> topics,
            String role, int node) throws Exception {
        String name = KafkaBroker.NAME + "-" + node;
        long pid = stack.stack().processIds().get(name);
        long killed = System.currentTimeMillis();
        stack.kill(name);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inAnyIsr(admin, topics, node) == 0);
        long fenced = System.currentTimeMillis() - killed;

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(load, killed) >= 10);
        List<Outcome> afterKill = load.outcomes().stream().filter(o -> o.at() > killed && o.acknowledged()).toList();
        Set<String> nodes = ids(afterKill, "node");
        Set<String> pairings = ids(afterKill, "pairing");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(TopicKeys.read(stack.kafkaBootstrap(), Topics.NODE_EVENTS.name()).byKey().keySet())
                    .as("registered while broker %d was down, published on lucid.node.events", node).containsAll(nodes);
            assertThat(TopicKeys.read(stack.kafkaBootstrap(), Topics.PAIRING_EVENTS.name()).byKey().keySet())
                    .as("started while broker %d was down, published on lucid.pairing.events", node)
                    .containsAll(pairings);
        });
        long published = System.currentTimeMillis() - killed;

        Map<TopicPartition, Long> ends = endOffsets(admin, Topics.NODE_EVENTS.name());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String group : NODE_EVENT_READERS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    assertThat(offset == null ? 0 : offset.offset())
                            .as("%s committed on %s while broker %d was down", group, end.getKey(), node)
                            .isGreaterThanOrEqualTo(end.getValue());
                }
            }
        });
        long streams = System.currentTimeMillis() - killed;
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("broker %d still down", node).isFalse();
        long left = killed + DOWN_SECONDS * 1000L - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }

        stack.stop(name);
        long restarted = System.currentTimeMillis();
        stack.start(name);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> fullIsrs(admin, topics) == partitions(admin, topics));
        long rejoined = System.currentTimeMillis() - restarted;
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(load, restarted + rejoined) >= 10);
        return new Round(role, node, fenced, published, streams, rejoined);
    }

    /** Every topic of the catalogue and the internal ones the stack created (relay offsets, registry, streams). */
    private static List<String> replicatedTopics(Admin admin) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> !name.startsWith("__")).sorted().toList();
    }

    private static void assertReplicated(Admin admin, List<String> topics) throws Exception {
        assertThat(topics).as("the catalogue's topics exist")
                .containsAll(Topics.all().stream().map(Topic::name).toList())
                .contains(Topics.RELAY_OFFSETS, "_schemas");
        for (TopicDescription topic : describe(admin, topics).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                assertThat(partition.replicas()).as("replicas of %s-%d", topic.name(), partition.partition())
                        .hasSize(3);
            }
        }
        ConfigResource nodeEvents = new ConfigResource(ConfigResource.Type.TOPIC, Topics.NODE_EVENTS.name());
        assertThat(admin.describeConfigs(List.of(nodeEvents)).all().get(30, TimeUnit.SECONDS).get(nodeEvents)
                .get("min.insync.replicas").value()).isEqualTo("2");
    }

    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    }

    /** In how many ISRs broker {@code node} is. */
    private static long inAnyIsr(Admin admin, List<String> topics, int node) throws Exception {
        return describe(admin, topics).values().stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.isr().stream().anyMatch(n -> n.id() == node)).count();
    }

    private static long fullIsrs(Admin admin, List<String> topics) throws Exception {
        return describe(admin, topics).values().stream().flatMap(t -> t.partitions().stream())
                .filter(p -> p.isr().size() == p.replicas().size()).count();
    }

    private static long partitions(Admin admin, List<String> topics) throws Exception {
        return describe(admin, topics).values().stream().mapToLong(t -> t.partitions().size()).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = describe(admin, List.of(topic)).get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long acknowledged(SteadyLoad load, long after) {
        return load.outcomes().stream().filter(o -> o.at() > after && o.acknowledged()).count();
    }

    private static Set<String> ids(List<Outcome> outcomes, String kind) {
        return outcomes.stream().filter(o -> o.kind().equals(kind)).map(Outcome::aggregateId)
                .collect(Collectors.toSet());
    }
}
