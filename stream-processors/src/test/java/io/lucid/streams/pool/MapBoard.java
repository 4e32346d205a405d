package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link PoolBoard} on plain maps, for tests of the rules without Kafka. */
final class MapBoard implements PoolBoard {

    final Map<String, NodeRecord> nodes = new HashMap<>();
    final Map<PoolId, PoolRecord> pools = new HashMap<>();
    final Map<Tier, TierOccupancy> occupancy = new HashMap<>();

    @Override
    public Optional<NodeRecord> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    @Override
    public void put(NodeRecord node) {
        nodes.put(node.nodeId(), node);
    }

    @Override
    public Optional<PoolRecord> pool(PoolId id) {
        return Optional.ofNullable(pools.get(id));
    }

    @Override
    public void put(PoolRecord pool) {
        pools.put(pool.pool().id(), pool);
    }

    @Override
    public TierOccupancy occupancy(Tier tier) {
        return occupancy.getOrDefault(tier, TierOccupancy.empty(tier));
    }

    @Override
    public void put(TierOccupancy o) {
        occupancy.put(o.tier(), o);
    }
}
