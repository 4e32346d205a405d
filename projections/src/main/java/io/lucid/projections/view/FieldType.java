package io.lucid.projections.view;

/**
 * The type of a body field that lists filter or sort on. Timestamps are {@code TEXT}: bodies hold them as
 * fixed-width ISO-8601 UTC strings with milliseconds, which sort as text in time order.
 */
public enum FieldType {
    TEXT, LONG, BOOLEAN
}
