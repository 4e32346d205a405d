package io.lucid.projections.view;

import java.util.Objects;

/**
 * The order of a list: one body field (or the row id when {@code field} is null), ascending or descending; ties
 * are always broken by row id ascending. Prefer a field that never changes (an id, a creation time) so that pages
 * stay stable while rows change.
 */
public record Sort(String field, FieldType type, boolean descending) {

    public Sort {
        Objects.requireNonNull(type, "type");
    }

    /** By row id, ascending. */
    public static Sort byId() {
        return new Sort(null, FieldType.TEXT, false);
    }

    public static Sort ascending(String field, FieldType type) {
        return new Sort(field, type, false);
    }

    public static Sort descending(String field, FieldType type) {
        return new Sort(field, type, true);
    }

    public boolean byRowId() {
        return field == null;
    }
}
