package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardware;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealth;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.deadletter.ContractViolation;
import io.lucid.streams.poot.LiveScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the pool rules ({@link PoolAssigner}) on the single partition that all pool inputs are funnelled to: the
 * least-filled choice compares pools of a whole tier, so one task must see every node. Publishes each change to
 * {@code lucid.pool.events}, keyed by pool id, with the event time of the input that caused it.
 */
final class PoolProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    static final String NODES = "pool-nodes";
    static final String POOLS = "pool-pools";
    static final String TIERS = "pool-tiers";
    static final String SEQUENCES = "pool-event-sequences";

    private final PoolSettings settings;
    private final Map<Class<?>, BiFunction<SpecificRecord, Long, PoolAssigner.Outcome>> handlers = new LinkedHashMap<>();
    private PoolAssigner assigner;
    private KeyValueStore<String, Long> sequences;

    PoolProcessor(PoolSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        assigner = new PoolAssigner(new StoreBoard(context.getStateStore(NODES), context.getStateStore(POOLS),
                context.getStateStore(TIERS)), settings);
        sequences = context.getStateStore(SEQUENCES);
        handlers.put(NodeRegistered.class, (r, seq) -> assigner.registered(((NodeRegistered) r).getNodeId(),
                tier(((NodeRegistered) r).getHardware()), seq));
        handlers.put(NodeHardwareUpdated.class, (r, seq) -> assigner.hardwareChanged(
                ((NodeHardwareUpdated) r).getNodeId(), tier(((NodeHardwareUpdated) r).getHardware()), seq));
        handlers.put(NodeActivated.class, (r, seq) -> assigner.activated(((NodeActivated) r).getNodeId(), seq));
        handlers.put(NodeDeactivated.class, (r, seq) -> assigner.deactivated(((NodeDeactivated) r).getNodeId(), seq));
        handlers.put(NodeMaintenanceEntered.class,
                (r, seq) -> assigner.maintenanceEntered(((NodeMaintenanceEntered) r).getNodeId(), seq));
        handlers.put(NodeMaintenanceExited.class,
                (r, seq) -> assigner.maintenanceExited(((NodeMaintenanceExited) r).getNodeId(), seq));
        handlers.put(NodeDeregistered.class, (r, seq) -> assigner.deregistered(((NodeDeregistered) r).getNodeId(), seq));
        handlers.put(NodeScoreUpdated.class, (r, seq) -> score((NodeScoreUpdated) r));
        handlers.put(EpochTallied.class, (r, seq) -> tally((EpochTallied) r));
        handlers.put(NodeHealthChanged.class, (r, seq) -> health((NodeHealthChanged) r));
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        var handler = record.value() == null ? null : handlers.get(record.value().getClass());
        if (handler == null) {
            throw new ContractViolation("unexpected-record", "pools do not take " + record.value());
        }
        PoolAssigner.Outcome outcome = handler.apply(record.value(), DerivedHeaders.sequence(record.headers()));
        if (outcome.violation().isPresent()) {
            throw new ContractViolation("invalid-transition", outcome.violation().get());
        }
        for (PoolChange change : outcome.changes()) {
            String pool = change.poolId().value();
            SpecificRecord value = PoolRecords.toAvro(change, record.timestamp());
            Long published = sequences.get(pool);
            long sequence = published == null ? 0 : published;
            sequences.put(pool, sequence + 1);
            context().forward(new Record<>(pool, value, record.timestamp(), DerivedHeaders.of(Topics.POOL_EVENTS.name(),
                    "pools", value, pool, sequence, record.timestamp(), record.headers())));
        }
    }

    private PoolAssigner.Outcome score(NodeScoreUpdated s) {
        return assigner.scoreUpdated(s.getNodeId(), s.getEpoch(), s.getEligible(), score(s.getWeight(), s.getWindowSeconds()));
    }

    private PoolAssigner.Outcome tally(EpochTallied tally) {
        Map<String, PoolAssigner.TallyScore> scores = new LinkedHashMap<>();
        for (NodeTally node : tally.getNodes()) {
            scores.put(node.getNodeId(), new PoolAssigner.TallyScore(node.getEligible(),
                    score(node.getWeight(), tally.getWindowSeconds())));
        }
        return assigner.epochTallied(tally.getEpoch(), scores);
    }

    private PoolAssigner.Outcome health(NodeHealthChanged changed) {
        if (changed.getHealth() == NodeHealth.unknown) {
            throw new ContractViolation("invalid-health", "node " + changed.getNodeId() + " has an unknown health");
        }
        return assigner.healthChanged(changed.getNodeId(), changed.getHealth() == NodeHealth.healthy);
    }

    private static LiveScore score(long weight, long windowSeconds) {
        if (weight < 0 || windowSeconds <= 0) {
            throw new ContractViolation("invalid-score", "weight " + weight + " over " + windowSeconds + " s");
        }
        return new LiveScore(java.math.BigInteger.valueOf(weight), windowSeconds);
    }

    private static Tier tier(NodeHardware hardware) {
        return Tier.of(hardware.getCpuCores(), hardware.getMemoryBytes(), hardware.getStorageBytes());
    }
}
