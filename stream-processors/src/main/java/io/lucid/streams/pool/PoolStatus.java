package io.lucid.streams.pool;

/** The states of a pool (DOMAIN.md section 6); {@link Pool#status} decides which one applies. */
public enum PoolStatus {
    FORMING, ACTIVE, FULL, DEGRADED
}
