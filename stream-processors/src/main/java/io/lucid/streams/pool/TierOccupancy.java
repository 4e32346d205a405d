package io.lucid.streams.pool;

import io.lucid.schemas.pool.Tier;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many members each pool of a tier has, by pool number: enough to choose where a node goes without loading
 * every pool. Immutable.
 */
public record TierOccupancy(Tier tier, SortedMap<Integer, Integer> members) {

    public TierOccupancy {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public static TierOccupancy empty(Tier tier) {
        return new TierOccupancy(tier, new TreeMap<>());
    }

    /**
     * The pool a joining node goes to: the least-filled pool that is not full, the lowest number among equals; when
     * every pool is full (or there is none), the next number, which the caller opens.
     */
    public int choose(int capacity) {
        int best = -1;
        int bestCount = Integer.MAX_VALUE;
        for (Map.Entry<Integer, Integer> pool : members.entrySet()) {
            if (pool.getValue() < capacity && pool.getValue() < bestCount) {
                best = pool.getKey();
                bestCount = pool.getValue();
            }
        }
        return best > 0 ? best : (members.isEmpty() ? 1 : members.lastKey() + 1);
    }

    public boolean exists(int number) {
        return members.containsKey(number);
    }

    public TierOccupancy withCount(int number, int count) {
        TreeMap<Integer, Integer> next = new TreeMap<>(members);
        next.put(number, count);
        return new TierOccupancy(tier, next);
    }
}
