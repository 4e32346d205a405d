package io.lucid.devstack.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.query.ReadSideFixtures;
import io.lucid.events.pool.NodeAssignedToPool;
import io.lucid.events.pool.PoolLeaderChanged;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeTally;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroDeserializer;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Tallies reach the pool stage in epoch order whatever their partitions, and one tally publishes each pool's leader
 * change once. Three nodes registered and activated over REST join pools through the running stack; the test then
 * writes the tallies a PoOT close would write (epochs last a day, so no test sees a real close) for three past
 * epochs: E, then E + 2 before E + 1. Their keys, the epochs, put them on different partitions of
 * {@code lucid.poot.tallies}. The weights are far above any real score of the shared stack, so these nodes lead
 * whatever pools they joined; the leader changes due are those of the tallies applied in epoch order.
 */
class PoolTallyOrderIT extends ReadSideFixtures {

    private static final Duration PROPAGATION = Duration.ofSeconds(90);
    /** After the last change due: long enough for a stray intermediate change to show up, were one published. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final long T = 1_000_000_000_000L;

    @Test
    void tallyOutOfEpochOrderAcrossPartitionsPublishesExactlyTheLeaderChangesDue() throws Exception {
        try (KafkaConsumer<String, SpecificRecord> pools = consumer(Topics.POOL_EVENTS.name());
                KafkaProducer<String, SpecificRecord> producer = producer()) {
            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                nodes.add(register("node_torder_", Hw.HIGH).nodeId());
            }
            nodes.sort(Comparator.naturalOrder());
            nodes.forEach(node -> command(node, "activate"));
            Map<String, String> poolOf = new HashMap<>();
            List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
            await().atMost(PROPAGATION).until(() -> {
                poll(pools, seen);
                seen.forEach(r -> {
                    if (r.value() instanceof NodeAssignedToPool joined && nodes.contains(joined.getNodeId())) {
                        poolOf.put(joined.getNodeId(), joined.getPoolId());
                    }
                });
                return poolOf.size() == nodes.size();
            });
            seen.clear();

            String a = nodes.get(0);
            String b = nodes.get(1);
            String c = nodes.get(2);
            // A past epoch (no real tally of it will come), chosen so that E + 1 and E + 2 sit on different partitions.
            long e = Nodes.TIME_BASE.epochOfSlot(Nodes.TIME_BASE.slotAt(Instant.now())) - 10;
            int partitions = producer.partitionsFor(Topics.POOT_TALLIES.name()).size();
            while (partition(e + 1, partitions) == partition(e + 2, partitions)) {
                e--;
            }
            // E: a leads. E + 1: the order turns over, a listed (and, applied node by node, dropped) first.
            // E + 2: a leads again.
            List<Map<String, Long>> tallies = List.of(
                    weights(a, 3 * T, b, 2 * T, c, T),
                    weights(a, T, b, 5 * T / 2, c, 4 * T),
                    weights(a, 6 * T, b, 5 * T / 2, c, 4 * T));
            send(producer, e, null, tallies.get(0));
            List<Due> afterFirst = due(poolOf, tallies.subList(0, 1), e);
            awaitLeaders(pools, seen, e, afterFirst.size());
            seen.clear();

            send(producer, e + 2, e + 1, tallies.get(2));
            send(producer, e + 1, e, tallies.get(1));
            List<Due> expected = due(poolOf, tallies, e).subList(afterFirst.size(), due(poolOf, tallies, e).size());
            List<Due> published = awaitLeaders(pools, seen, e, expected.size());
            Thread.sleep(QUIET.toMillis());
            poll(pools, seen);
            assertThat(leaders(seen, e)).isEqualTo(published).containsExactlyElementsOf(expected);
        }
    }

    /** One expected leader change: pool, leader, its weight, the tally that caused it. */
    record Due(String pool, String leader, long weight, String cause) {
    }

    /**
     * The leader changes due when the tallies are applied in order, each as a whole, in the pools these nodes joined:
     * the leader of a pool is its member of highest weight (these weights beat every other member's).
     */
    private static List<Due> due(Map<String, String> poolOf, List<Map<String, Long>> tallies, long first) {
        List<Due> due = new ArrayList<>();
        Map<String, String> leader = new HashMap<>();
        for (int i = 0; i < tallies.size(); i++) {
            Map<String, Long> weights = tallies.get(i);
            for (String pool : poolOf.values().stream().distinct().sorted().toList()) {
                String best = weights.keySet().stream().filter(n -> poolOf.get(n).equals(pool))
                        .max(Comparator.<String, Long>comparing(weights::get).thenComparing(Comparator.reverseOrder()))
                        .orElseThrow();
                if (!best.equals(leader.put(pool, best))) {
                    due.add(new Due(pool, best, weights.get(best), tallyId(first + i)));
                }
            }
        }
        return due;
    }

    private static List<Due> awaitLeaders(KafkaConsumer<String, SpecificRecord> pools,
            List<ConsumerRecord<String, SpecificRecord>> seen, long first, int count) {
        await().atMost(PROPAGATION).until(() -> {
            poll(pools, seen);
            return leaders(seen, first).size() >= count;
        });
        return leaders(seen, first);
    }

    /** The leader changes caused by this test's tallies, in the order published. */
    private static List<Due> leaders(List<ConsumerRecord<String, SpecificRecord>> seen, long first) {
        Set<String> causes = Set.of(tallyId(first), tallyId(first + 1), tallyId(first + 2));
        List<Due> leaders = new ArrayList<>();
        for (ConsumerRecord<String, SpecificRecord> r : seen) {
            String cause = DerivedHeaders.last(r.headers(), CloudEventHeaders.CAUSATION_ID);
            if (r.value() instanceof PoolLeaderChanged changed && causes.contains(cause)) {
                leaders.add(new Due(changed.getPoolId(), changed.getLeaderNodeId(),
                        Optional.ofNullable(changed.getLeaderWeight()).orElse(-1L), cause));
            }
        }
        return leaders;
    }

    private static Map<String, Long> weights(String a, long wa, String b, long wb, String c, long wc) {
        Map<String, Long> weights = new LinkedHashMap<>();
        weights.put(a, wa);
        weights.put(b, wb);
        weights.put(c, wc);
        return weights;
    }

    /** The partition the default partitioner gives a tally's key. */
    private static int partition(long epoch, int partitions) {
        return Utils.toPositive(Utils.murmur2(Long.toString(epoch).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static String tallyId(long epoch) {
        return Topics.POOT_TALLIES.name() + ":" + epoch + ":0";
    }

    /** The tally a close of {@code epoch} would write, nodes listed in the given order (all eligible). */
    private static void send(KafkaProducer<String, SpecificRecord> producer, long epoch, Long previous,
            Map<String, Long> weights) throws Exception {
        long window = Nodes.TIME_BASE.slotSeconds() * Nodes.TIME_BASE.slotsPerEpoch() * 7L;
        List<NodeTally> nodes = new ArrayList<>();
        weights.forEach((node, weight) -> nodes.add(NodeTally.newBuilder().setNodeId(node).setRelayCredits(weight / window)
                .setStorageCredits(0).setValidationCredits(0).setCreditsTotal(weight / window).setUptimeSeconds(window)
                .setWeight(weight).setLiveScore((double) weight / window).setEligible(true).setRank(null).build()));
        Instant start = Nodes.TIME_BASE.slotStart(epoch * Nodes.TIME_BASE.slotsPerEpoch());
        Instant end = Nodes.TIME_BASE.slotStart((epoch + 1) * Nodes.TIME_BASE.slotsPerEpoch());
        EpochTallied tally = EpochTallied.newBuilder().setEpoch(epoch).setEpochStart(start).setEpochEnd(end)
                .setWindowFirstEpoch(epoch - 6).setWindowSeconds(window).setNodes(nodes).setEligibleCount(nodes.size())
                .setTotalWeight(weights.values().stream().mapToLong(Long::longValue).sum())
                .setTalliedAt(end.plusSeconds(7200)).setPreviousEpoch(previous).build();
        String key = Long.toString(epoch);
        producer.send(new ProducerRecord<>(Topics.POOT_TALLIES.name(), null, key, tally, DerivedHeaders.of(
                Topics.POOT_TALLIES.name(), "poot", tally, key, 0, tally.getTalliedAt().toEpochMilli(), null))).get();
    }

    private static void poll(KafkaConsumer<String, SpecificRecord> consumer,
            List<ConsumerRecord<String, SpecificRecord>> seen) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static KafkaProducer<String, SpecificRecord> producer() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())));
    }

    /** Reads a topic from its current end, as a downstream consumer of committed records sees it. */
    private static KafkaConsumer<String, SpecificRecord> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
