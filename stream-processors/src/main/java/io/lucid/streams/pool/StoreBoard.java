package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/** The {@link PoolBoard} of the running processor: three state stores of the pool task. */
final class StoreBoard implements PoolBoard {

    private final KeyValueStore<String, NodeRecord> nodes;
    private final KeyValueStore<String, PoolRecord> pools;
    private final KeyValueStore<String, TierOccupancy> tiers;

    StoreBoard(KeyValueStore<String, NodeRecord> nodes, KeyValueStore<String, PoolRecord> pools,
            KeyValueStore<String, TierOccupancy> tiers) {
        this.nodes = nodes;
        this.pools = pools;
        this.tiers = tiers;
    }

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
        return Optional.ofNullable(pools.get(id.value()));
    }

    @Override
    public void put(PoolRecord pool) {
        pools.put(pool.pool().id().value(), pool);
    }

    @Override
    public TierOccupancy occupancy(Tier tier) {
        TierOccupancy occupancy = tiers.get(tier.name());
        return occupancy == null ? TierOccupancy.empty(tier) : occupancy;
    }

    @Override
    public void put(TierOccupancy occupancy) {
        tiers.put(occupancy.tier().name(), occupancy);
    }
}
