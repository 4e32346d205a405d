package io.lucid.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.schemas.trace.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows a batch of events works on, in memory: what was loaded, what handlers wrote, and each row's version.
 * Writes of one event are staged and only become part of the batch when the event's handler returned
 * ({@link #commitEvent}), so a handler that throws leaves no half-applied event behind. A row's version rises by one
 * for each event that actually changed its body; writing an identical body is no change.
 *
 * <p>The engine loads rows from the database into it; tests use it alone as the read model's store.
 */
public class RowBuffer implements Rows {

    /**
     * A row as the batch sees it. {@code body} is null while the row does not exist or is deleted. The body is kept
     * as its JSON text, the form it is stored and served in; the tree is only parsed when asked for.
     */
    public static final class Row {
        private final RowKey key;
        private String parent;
        private long version;
        private String text;
        private JsonNode tree;
        private boolean dirty;
        private Instant changedAt;
        private TraceContext trace;

        public Row(RowKey key, String parent, long version, String body) {
            this.key = key;
            this.parent = parent;
            this.version = version;
            this.text = body;
        }

        public RowKey key() {
            return key;
        }

        public String parent() {
            return parent;
        }

        public long version() {
            return version;
        }

        /** The body as a JSON tree (parsed on first use), or null. */
        public JsonNode body() {
            if (tree == null && text != null) {
                try {
                    tree = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("row " + key + " does not hold JSON", e);
                }
            }
            return tree;
        }

        /** The body as stored: compact JSON text, or null. */
        public String bodyText() {
            return text;
        }

        public boolean deleted() {
            return text == null;
        }

        public boolean dirty() {
            return dirty;
        }

        public Instant changedAt() {
            return changedAt;
        }

        /** The span of the projection that last changed the row in this batch, null when untraced. */
        public TraceContext trace() {
            return trace;
        }
    }

    /** A staged write: the body's JSON text, null for a deletion. */
    private record Write(String parent, String body) {
    }

    private static final ObjectMapper JSON = ViewJson.mapper();

    private final Map<RowKey, Row> rows = new LinkedHashMap<>();
    private final Map<RowKey, Write> staged = new HashMap<>();

    @Override
    public <T> Optional<T> get(String view, String id, Class<T> type) {
        RowKey key = new RowKey(view, id);
        String body;
        Write write = staged.get(key);
        if (write != null) {
            body = write.body();
        } else {
            Row row = row(key);
            body = row == null ? null : row.text;
        }
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(body, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("row " + key + " does not map to " + type.getSimpleName(), e);
        }
    }

    /**
     * Stages a body, serialised once into the text that is compared, stored, announced and served. Bodies are
     * records, written field by field in declaration order, so the same value always gives the same text: an
     * identical text is no change.
     */
    @Override
    public void put(String view, String id, String parent, Object body) {
        if (body == null) {
            throw new IllegalArgumentException("a row needs a body; delete it instead");
        }
        try {
            staged.put(new RowKey(view, id), new Write(parent, JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a body of " + view + " cannot be written as JSON", e);
        }
    }

    @Override
    public void delete(String view, String id) {
        staged.put(new RowKey(view, id), new Write(null, null));
    }

    /** The writes of the event just applied become part of the batch. */
    public void commitEvent(Instant eventTime) {
        commitEvent(eventTime, null);
    }

    /** The writes of the event just applied become part of the batch; the rows it changed carry {@code trace}. */
    public void commitEvent(Instant eventTime, TraceContext trace) {
        for (Map.Entry<RowKey, Write> write : staged.entrySet()) {
            Row row = row(write.getKey());
            if (row == null) {
                if (write.getValue().body() == null) {
                    continue; // deleting a row that never existed changes nothing
                }
                row = new Row(write.getKey(), null, 0, null);
                rows.put(write.getKey(), row);
            }
            String next = write.getValue().body();
            boolean changed = next == null ? row.text != null : !next.equals(row.text);
            String parent = next == null ? row.parent : write.getValue().parent();
            if (changed) {
                row.text = next;
                row.tree = null;
                row.parent = parent;
                row.version++;
                row.dirty = true;
                row.changedAt = eventTime;
                row.trace = trace;
            }
        }
        staged.clear();
    }

    /** The writes of the event just applied are dropped (its handler failed). */
    public void rollbackEvent() {
        staged.clear();
    }

    /** The rows changed in this batch, in the order they were first touched. */
    public List<Row> changed() {
        List<Row> changed = new ArrayList<>();
        rows.values().forEach(row -> {
            if (row.dirty) {
                changed.add(row);
            }
        });
        return changed;
    }

    /** A row as known to the batch, or null; the engine overrides this to load from the database. */
    protected Row row(RowKey key) {
        return rows.get(key);
    }

    /** Adds a loaded row (or records that it does not exist, with null). */
    protected void remember(RowKey key, Row row) {
        if (row != null) {
            rows.put(key, row);
        }
    }

    /** Whether the row is known to the batch (loaded, or known to be absent). */
    protected boolean holds(RowKey key) {
        return rows.containsKey(key);
    }

    /** The version of a row, 0 when it never existed. */
    public long version(String view, String id) {
        Row row = row(new RowKey(view, id));
        return row == null ? 0 : row.version;
    }

    /** Every row's current state, deleted ones included. */
    public Map<RowKey, Row> all() {
        return java.util.Collections.unmodifiableMap(rows);
    }
}
