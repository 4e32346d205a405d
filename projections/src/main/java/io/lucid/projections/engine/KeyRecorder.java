package io.lucid.projections.engine;

import io.lucid.projections.RowKey;
import io.lucid.projections.Rows;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A dry run of the handlers that only notes which rows they read: every row looks absent, writes go nowhere.
 * Handlers are pure, so the rows a real run reads first are the ones noted here, and the engine loads them all
 * in one query before the real run.
 */
final class KeyRecorder implements Rows {

    private final Set<RowKey> keys = new LinkedHashSet<>();

    @Override
    public <T> Optional<T> get(String view, String id, Class<T> type) {
        keys.add(new RowKey(view, id));
        return Optional.empty();
    }

    @Override
    public void put(String view, String id, String parent, Object body) {
        keys.add(new RowKey(view, id));
    }

    @Override
    public void delete(String view, String id) {
        keys.add(new RowKey(view, id));
    }

    Set<RowKey> keys() {
        return keys;
    }
}
