package io.lucid.streams.pool;

/**
 * Pool sizing: the capacity of every pool (default 100) and the quorum (3) below which a pool is FORMING and below
 * which its count of healthy eligible members makes it DEGRADED.
 */
public record PoolSettings(int capacity, int quorum) {

    public static final int DEFAULT_CAPACITY = 100;
    public static final int QUORUM = 3;

    public PoolSettings {
        if (quorum < 1 || capacity < quorum) {
            throw new IllegalArgumentException("need 1 <= quorum <= capacity, got quorum " + quorum + ", capacity " + capacity);
        }
    }

    public static PoolSettings defaults() {
        return new PoolSettings(DEFAULT_CAPACITY, QUORUM);
    }

    public static PoolSettings withCapacity(int capacity) {
        return new PoolSettings(capacity, QUORUM);
    }
}
