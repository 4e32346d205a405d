package io.lucid.streams.pool;

import io.lucid.events.node.NodeActivated;
import io.lucid.events.node.NodeDeactivated;
import io.lucid.events.node.NodeDeregistered;
import io.lucid.events.node.NodeHardwareUpdated;
import io.lucid.events.node.NodeHealthChanged;
import io.lucid.events.node.NodeMaintenanceEntered;
import io.lucid.events.node.NodeMaintenanceExited;
import io.lucid.events.node.NodeRegistered;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * The record types the pool processor consumes, and where each keeps its event time. Pools are a function of
 * these records: node lifecycle and hardware, scores and tallies (eligibility, live score), and health.
 */
final class PoolInputs {

    /** Event time of each consumed type (epoch milliseconds). */
    static final Map<Class<? extends SpecificRecord>, ToLongFunction<SpecificRecord>> EVENT_TIME = Map.of(
            NodeRegistered.class, r -> ((NodeRegistered) r).getRegisteredAt().toEpochMilli(),
            NodeActivated.class, r -> ((NodeActivated) r).getActivatedAt().toEpochMilli(),
            NodeDeactivated.class, r -> ((NodeDeactivated) r).getDeactivatedAt().toEpochMilli(),
            NodeMaintenanceEntered.class, r -> ((NodeMaintenanceEntered) r).getEnteredAt().toEpochMilli(),
            NodeMaintenanceExited.class, r -> ((NodeMaintenanceExited) r).getExitedAt().toEpochMilli(),
            NodeHardwareUpdated.class, r -> ((NodeHardwareUpdated) r).getUpdatedAt().toEpochMilli(),
            NodeDeregistered.class, r -> ((NodeDeregistered) r).getDeregisteredAt().toEpochMilli(),
            NodeScoreUpdated.class, r -> ((NodeScoreUpdated) r).getUpdatedAt().toEpochMilli(),
            EpochTallied.class, r -> ((EpochTallied) r).getTalliedAt().toEpochMilli(),
            NodeHealthChanged.class, r -> ((NodeHealthChanged) r).getChangedAt().toEpochMilli());

    /** Carried by the same topics but of no concern to pools. */
    static final Set<Class<? extends SpecificRecord>> IGNORED = Set.of(EpochRewardsDistributed.class);

    private PoolInputs() {
    }
}
