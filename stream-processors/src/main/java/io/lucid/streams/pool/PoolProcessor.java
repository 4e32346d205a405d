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
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.deadletter.ContractViolation;
import io.lucid.streams.poot.LiveScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
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
    static final String HELD_TALLIES = "pool-held-tallies";
    static final String TALLY_PROGRESS = "pool-tally-progress";

    /** Key of the last epoch whose tally was applied, in {@link #TALLY_PROGRESS}. */
    static final String APPLIED = "applied";
    /**
     * Key of the state's format in {@link #TALLY_PROGRESS}: {@link #ORDERED} from the first record this version
     * processed, {@link #UNORDERED} when it found state written by a version that applied tallies as they came.
     */
    static final String FORMAT = "format";
    static final long UNORDERED = 0;
    static final long ORDERED = 1;

    private final PoolSettings settings;
    private final Map<Class<?>, BiFunction<SpecificRecord, Long, PoolAssigner.Outcome>> handlers = new LinkedHashMap<>();
    private PoolAssigner assigner;
    private KeyValueStore<String, Long> sequences;
    private KeyValueStore<String, NodeRecord> nodes;
    private KeyValueStore<String, HeldTally> heldTallies;
    private KeyValueStore<String, Long> tallyProgress;
    private boolean formatChecked;

    PoolProcessor(PoolSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        assigner = new PoolAssigner(new StoreBoard(context.getStateStore(NODES), context.getStateStore(POOLS),
                context.getStateStore(TIERS)), settings);
        sequences = context.getStateStore(SEQUENCES);
        nodes = context.getStateStore(NODES);
        heldTallies = context.getStateStore(HELD_TALLIES);
        tallyProgress = context.getStateStore(TALLY_PROGRESS);
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
        handlers.put(NodeHealthChanged.class, (r, seq) -> health((NodeHealthChanged) r));
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        checkFormat();
        if (record.value() instanceof EpochTallied tally) {
            tallied(tally, record);
            return;
        }
        var handler = record.value() == null ? null : handlers.get(record.value().getClass());
        if (handler == null) {
            throw new ContractViolation("unexpected-record", "pools do not take " + record.value());
        }
        publish(handler.apply(record.value(), DerivedHeaders.sequence(record.headers())), record.timestamp(),
                record.headers());
    }

    private void publish(PoolAssigner.Outcome outcome, long time, Headers cause) {
        if (outcome.violation().isPresent()) {
            throw new ContractViolation("invalid-transition", outcome.violation().get());
        }
        for (PoolChange change : outcome.changes()) {
            String pool = change.poolId().value();
            SpecificRecord value = PoolRecords.toAvro(change, time);
            Long published = sequences.get(pool);
            long sequence = published == null ? 0 : published;
            sequences.put(pool, sequence + 1);
            context().forward(new Record<>(pool, value, time, DerivedHeaders.of(Topics.POOL_EVENTS.name(),
                    "pools", value, pool, sequence, time, cause)));
        }
    }

    /**
     * Tallies are keyed by epoch, so consecutive epochs sit on different partitions of {@code lucid.poot.tallies},
     * and a later one can reach this partition first. Applying it and then ignoring the earlier one as older would
     * make the pools depend on how the partitions were merged. So a tally is applied only once the tally of its
     * previous epoch has been; until then it is held, and every held successor follows as soon as its turn comes.
     */
    private void tallied(EpochTallied tally, Record<String, SpecificRecord> record) {
        HeldTally arrived = HeldTally.of(tally, record.timestamp(), record.headers());
        Long applied = tallyProgress.get(APPLIED);
        if (applied != null && arrived.epoch() <= applied) {
            return; // applied already: a redelivery
        }
        boolean due = arrived.previousEpoch().isEmpty()
                || (applied == null ? tallyProgress.get(FORMAT) == UNORDERED : arrived.previousEpoch().get() <= applied);
        if (!due) {
            heldTallies.put(Long.toString(arrived.epoch()), arrived);
            return;
        }
        long done = apply(arrived);
        for (HeldTally next = heldTallies.get(Long.toString(done + 1)); next != null;
                next = heldTallies.get(Long.toString(done + 1))) {
            heldTallies.delete(Long.toString(next.epoch()));
            done = apply(next);
        }
        tallyProgress.put(APPLIED, done);
    }

    private long apply(HeldTally tally) {
        publish(assigner.epochTallied(tally.epoch(), tally.scores()), tally.time(), tally.cause());
        return tally.epoch();
    }

    /**
     * Once per task: state written before tallies were applied in order has no applied epoch, yet its last tally was
     * applied; its next tally is then applied as it comes rather than held for a predecessor already applied. Fresh
     * state (no node known yet) is ordered from its first tally on.
     */
    private void checkFormat() {
        if (formatChecked) {
            return;
        }
        if (tallyProgress.get(FORMAT) == null) {
            boolean earlierState;
            try (var all = nodes.all()) {
                earlierState = all.hasNext();
            }
            tallyProgress.put(FORMAT, earlierState ? UNORDERED : ORDERED);
        }
        formatChecked = true;
    }

    private PoolAssigner.Outcome score(NodeScoreUpdated s) {
        return assigner.scoreUpdated(s.getNodeId(), s.getEpoch(), s.getEligible(), score(s.getWeight(), s.getWindowSeconds()));
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
