package io.lucid.projections;

import java.util.Optional;

/**
 * The rows of the views a handler reads and writes, keyed by view name and row id. Bodies are plain records (or any
 * value Jackson maps); they are stored as JSON objects with snake_case names and served as they are stored.
 */
public interface Rows {

    /** The row's current body, if it exists and is not deleted. */
    <T> Optional<T> get(String view, String id, Class<T> type);

    /** Creates or replaces a row; the engine raises its version only when the body actually changed. */
    void put(String view, String id, String parent, Object body);

    /** Creates or replaces a row that has no parent. */
    default void put(String view, String id, Object body) {
        put(view, id, null, body);
    }

    /** Deletes a row; its version is kept (and raised), so a re-created row never goes back in version. */
    void delete(String view, String id);
}
