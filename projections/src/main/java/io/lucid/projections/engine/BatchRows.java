package io.lucid.projections.engine;

import io.lucid.projections.RowBuffer;
import io.lucid.projections.RowKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RowBuffer} backed by {@code view_row}: rows are loaded once per batch, in one query for every key the
 * batch is expected to touch ({@link #prefetch}); a key no prefetch foresaw is loaded on first use.
 */
final class BatchRows extends RowBuffer {

    private final Connection tx;
    private final RowStore store;
    private final Set<RowKey> absent = new HashSet<>();

    BatchRows(Connection tx, RowStore store) {
        this.tx = tx;
        this.store = store;
    }

    void prefetch(Collection<RowKey> keys) throws SQLException {
        List<RowKey> missing = keys.stream().filter(key -> !holds(key) && !absent.contains(key)).distinct().toList();
        Map<RowKey, Row> loaded = store.load(tx, missing);
        for (RowKey key : missing) {
            Row row = loaded.get(key);
            if (row == null) {
                absent.add(key);
            } else {
                remember(key, row);
            }
        }
    }

    @Override
    protected Row row(RowKey key) {
        if (!holds(key) && !absent.contains(key)) {
            try {
                prefetch(List.of(key));
            } catch (SQLException e) {
                throw new RowLoadException(e);
            }
        }
        Row row = super.row(key);
        if (row != null) {
            absent.remove(key);
        }
        return row;
    }

    /** A database failure while a handler read a row; the batch is retried like any database failure. */
    static final class RowLoadException extends RuntimeException {
        RowLoadException(SQLException cause) {
            super(cause);
        }

        SQLException sqlCause() {
            return (SQLException) getCause();
        }
    }
}
