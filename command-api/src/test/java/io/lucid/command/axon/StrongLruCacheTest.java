package io.lucid.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The aggregate cache keeps the most recently used entries and drops the least recently used. */
class StrongLruCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondItsCapacity() {
        StrongLruCache cache = new StrongLruCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // a is now the most recent
        cache.put("c", 3);
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void putIfAbsentKeepsThePresentValueAndRemoveForgets() {
        StrongLruCache cache = new StrongLruCache(10);
        assertThat(cache.putIfAbsent("k", 1)).isTrue();
        assertThat(cache.putIfAbsent("k", 2)).isFalse();
        assertThat((Integer) cache.get("k")).isEqualTo(1);
        assertThat(cache.remove("k")).isTrue();
        assertThat(cache.containsKey("k")).isFalse();
        assertThat((Integer) cache.computeIfAbsent("k", () -> 5)).isEqualTo(5);
        cache.<Integer>computeIfPresent("k", v -> v + 1);
        assertThat((Integer) cache.get("k")).isEqualTo(6);
    }
}
