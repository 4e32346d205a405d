package io.lucid.streams.pool;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealth;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeLocation;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.node.NodeType;
import io.lucid.events.node.StorageType;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.Harness;
import io.lucid.streams.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The pool topology in a {@link Harness}, with node events as the relay writes them (key node id, a
 * {@code ce_sequence} per node) and scores and health as the other topologies write them. Time advances one second
 * per input.
 */
public final class PoolRun implements AutoCloseable {

    static final long GIB = 1L << 30;
    public static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    public final Harness harness;
    private final Map<String, Long> sequences = new HashMap<>();
    private long seconds;

    public PoolRun(StreamsSettings settings) {
        this(settings, Harness.freshScope());
    }

    public PoolRun(StreamsSettings settings, String scope) {
        harness = Harness.of(PoolTopology.build(settings, Harness.registry(scope)), scope);
    }

    public static StreamsSettings capacity(int capacity) {
        return StreamsSettings.defaults().withPools(PoolSettings.withCapacity(capacity));
    }

    private Instant now() {
        return T0.plusSeconds(++seconds);
    }

    private void nodeEvent(String node, SpecificRecord event) {
        long sequence = sequences.merge(node, 1L, Long::sum) - 1;
        nodeEvent(node, event, sequence);
    }

    /** With an explicit sequence number: a redelivery repeats an earlier one. */
    public void nodeEvent(String node, SpecificRecord event, long sequence) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SEQUENCE, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, (node + "-" + sequence).getBytes(StandardCharsets.UTF_8));
        harness.input(Topics.NODE_EVENTS).pipeInput(new TestRecord<>(node, event, headers, T0.plusSeconds(seconds)));
    }

    public PoolRun register(String node, int cores, long memoryGib, long storageGib) {
        nodeEvent(node, new NodeRegistered(node, node + "-name", NodeType.worker, hardware(cores, memoryGib, storageGib),
                new NodeLocation("DE", null), "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC", "key", now()));
        return this;
    }

    public PoolRun activate(String... nodes) {
        for (String node : nodes) {
            nodeEvent(node, new NodeActivated(node, now()));
        }
        return this;
    }

    public PoolRun join(int cores, long memoryGib, long storageGib, String... nodes) {
        for (String node : nodes) {
            register(node, cores, memoryGib, storageGib);
            activate(node);
        }
        return this;
    }

    public PoolRun deactivate(String node) {
        nodeEvent(node, new NodeDeactivated(node, now()));
        return this;
    }

    public PoolRun maintenance(String node, boolean enter) {
        nodeEvent(node, enter ? new NodeMaintenanceEntered(node, null, now()) : new NodeMaintenanceExited(node, now()));
        return this;
    }

    public PoolRun deregister(String node) {
        nodeEvent(node, new NodeDeregistered(node, null, now()));
        return this;
    }

    public PoolRun hardware(String node, int cores, long memoryGib, long storageGib) {
        nodeEvent(node, new NodeHardwareUpdated(node, hardware(cores, memoryGib, storageGib), now()));
        return this;
    }

    /** A score over a window of W = 420 s: eligible when 5 * uptime >= 420 and credits > 0. */
    public PoolRun score(String node, long epoch, long credits, long uptime) {
        long weight = credits * uptime;
        NodeScoreUpdated score = NodeScoreUpdated.newBuilder().setNodeId(node).setEpoch(epoch)
                .setWindowFirstEpoch(Math.max(0, epoch - 6)).setRelayCredits(credits).setStorageCredits(0)
                .setValidationCredits(0).setCreditsTotal(credits).setUptimeSeconds(uptime).setWindowSeconds(420)
                .setWeight(weight).setLiveScore(weight / 420.0).setEligible(credits > 0 && 5 * uptime >= 420)
                .setProofCount(1).setLastProofId(node + ":0:uptime_beacon").setUpdatedAt(now()).build();
        harness.input(Topics.POOT_SCORES).pipeInput(node, score, score.getUpdatedAt());
        return this;
    }

    /** A node's line in a tally over W = 420 s (rank left out: pools do not read it). */
    public static NodeTally tallied(String node, long credits, long uptime) {
        long weight = credits * uptime;
        return NodeTally.newBuilder().setNodeId(node).setRelayCredits(credits).setStorageCredits(0)
                .setValidationCredits(0).setCreditsTotal(credits).setUptimeSeconds(uptime).setWeight(weight)
                .setLiveScore(weight / 420.0).setEligible(credits > 0 && 5 * uptime >= 420).setRank(null).build();
    }

    /**
     * The tally of {@code epoch} as the PoOT ledger writes it: key the epoch, time its close, {@code ce_id} of the
     * tallies topic. Epochs here are 1 h long for readability; only their order matters to pools.
     */
    public PoolRun tally(long epoch, Long previousEpoch, NodeTally... nodes) {
        Instant closedAt = tallyTime(epoch);
        EpochTallied tally = EpochTallied.newBuilder().setEpoch(epoch)
                .setEpochStart(T0.plusSeconds(epoch * 3600)).setEpochEnd(T0.plusSeconds((epoch + 1) * 3600))
                .setWindowFirstEpoch(Math.max(0, epoch - 6)).setWindowSeconds(420).setNodes(List.of(nodes))
                .setEligibleCount((int) Stream.of(nodes).filter(NodeTally::getEligible).count())
                .setTotalWeight(Stream.of(nodes).filter(NodeTally::getEligible).mapToLong(NodeTally::getWeight).sum())
                .setTalliedAt(closedAt).setPreviousEpoch(previousEpoch).build();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, tallyId(epoch).getBytes(StandardCharsets.UTF_8));
        harness.input(Topics.POOT_TALLIES).pipeInput(new TestRecord<>(Long.toString(epoch), tally, headers, closedAt));
        return this;
    }

    public static Instant tallyTime(long epoch) {
        return T0.plusSeconds((epoch + 1) * 3600 + 7200);
    }

    public static String tallyId(long epoch) {
        return Topics.POOT_TALLIES.name() + ":" + epoch + ":0";
    }

    public PoolRun health(String node, boolean healthy) {
        Instant at = now();
        harness.input(Topics.NODE_HEALTH).pipeInput(node, new NodeHealthChanged(node,
                healthy ? NodeHealth.healthy : NodeHealth.unhealthy, at, at), at);
        return this;
    }

    public List<SpecificRecord> events() {
        return harness.output(Topics.POOL_EVENTS).readValuesToList();
    }

    /** The pool events with their keys, times and headers. */
    public List<TestRecord<String, SpecificRecord>> records() {
        return harness.output(Topics.POOL_EVENTS).readRecordsToList();
    }

    private static NodeHardware hardware(int cores, long memoryGib, long storageGib) {
        return new NodeHardware(cores, memoryGib * GIB, storageGib * GIB, StorageType.SSD, 1000, null);
    }

    @Override
    public void close() {
        harness.close();
    }
}
