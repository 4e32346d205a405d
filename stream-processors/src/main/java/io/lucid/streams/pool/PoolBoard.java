package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import java.util.Optional;

/**
 * The state {@link PoolAssigner} reads and writes: nodes, pools and per-tier occupancy. The processor backs it with
 * state stores; tests with maps.
 */
public interface PoolBoard {

    Optional<NodeRecord> node(String nodeId);

    void put(NodeRecord node);

    Optional<PoolRecord> pool(PoolId id);

    void put(PoolRecord pool);

    TierOccupancy occupancy(Tier tier);

    void put(TierOccupancy occupancy);
}
