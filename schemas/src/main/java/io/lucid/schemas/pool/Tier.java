package io.lucid.schemas.pool;

/**
 * Hardware tiers (DOMAIN.md section 6): high_performance from 4 cores, 8 GiB memory and 100 GiB storage; standard
 * from 2 cores, 4 GiB and 50 GiB; basic for the rest. All three thresholds of a tier must be met.
 */
public enum Tier {
    HIGH_PERFORMANCE("high_performance", 4, 8, 100),
    STANDARD("standard", 2, 4, 50),
    BASIC("basic", 0, 0, 0);

    private static final long GIB = 1L << 30;

    private final String wireName;
    private final int minCores;
    private final long minMemoryBytes;
    private final long minStorageBytes;

    Tier(String wireName, int minCores, long minMemoryGib, long minStorageGib) {
        this.wireName = wireName;
        this.minCores = minCores;
        this.minMemoryBytes = minMemoryGib * GIB;
        this.minStorageBytes = minStorageGib * GIB;
    }

    /** The name in pool ids and on the wire: {@code pool_<wireName>_<n>}. */
    public String wireName() {
        return wireName;
    }

    /** The best tier whose every threshold the hardware meets. */
    public static Tier of(int cpuCores, long memoryBytes, long storageBytes) {
        for (Tier tier : values()) {
            if (cpuCores >= tier.minCores && memoryBytes >= tier.minMemoryBytes && storageBytes >= tier.minStorageBytes) {
                return tier;
            }
        }
        return BASIC;
    }
}
