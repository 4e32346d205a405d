package io.lucid.streams.pool;

import java.util.Optional;

/**
 * A pool as stored: its members, and the status and leader last published, so that a change is published once and
 * an unchanged evaluation publishes nothing.
 */
public record PoolRecord(Pool pool, Optional<PoolStatus> publishedStatus, Optional<String> publishedLeader) {

    public static PoolRecord opened(PoolId id) {
        return new PoolRecord(Pool.empty(id), Optional.empty(), Optional.empty());
    }

    public PoolRecord withPool(Pool next) {
        return new PoolRecord(next, publishedStatus, publishedLeader);
    }
}
