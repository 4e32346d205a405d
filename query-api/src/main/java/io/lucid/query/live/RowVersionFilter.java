package io.lucid.query.live;

import java.util.HashMap;
import java.util.Map;

/**
 * The newest row version the change feed has carried for each row of each view, kept once for every subscriber.
 * The feed delivers a view's changes in commit order, so a change whose row version is not above the last one of
 * its row is a redelivery (the projections' outbox publishes at least once): it goes to nobody. Checked once per
 * change, not once per subscriber, its memory grows with the rows that changed, not with rows times subscribers.
 * Used by the feed's consumer thread only.
 */
final class RowVersionFilter {

    private final Map<String, Map<String, Long>> byView = new HashMap<>();

    /** Whether the change is newer than every change of its row seen before; if so, it is now the newest. */
    boolean admit(String view, String id, long rowVersion) {
        Map<String, Long> rows = byView.computeIfAbsent(view, name -> new HashMap<>());
        Long last = rows.get(id);
        if (last != null && rowVersion <= last) {
            return false;
        }
        rows.put(id, rowVersion);
        return true;
    }

    /** Rows tracked, for tests and diagnostics. */
    int size() {
        return byView.values().stream().mapToInt(Map::size).sum();
    }
}
