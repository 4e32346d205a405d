package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;

/** A pool's identity: its tier and its number n (from 1), written {@code pool_<tier>_<n>}. */
public record PoolId(Tier tier, int number) implements Comparable<PoolId> {

    public PoolId {
        if (number < 1) {
            throw new IllegalArgumentException("pool numbers start at 1: " + number);
        }
    }

    public String value() {
        return "pool_" + tier.wireName() + "_" + number;
    }

    public static PoolId parse(String value) {
        for (Tier tier : Tier.values()) {
            String prefix = "pool_" + tier.wireName() + "_";
            if (value.startsWith(prefix)) {
                return new PoolId(tier, Integer.parseInt(value.substring(prefix.length())));
            }
        }
        throw new IllegalArgumentException("not a pool id: " + value);
    }

    @Override
    public int compareTo(PoolId other) {
        int byTier = tier.compareTo(other.tier);
        return byTier != 0 ? byTier : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return value();
    }
}
