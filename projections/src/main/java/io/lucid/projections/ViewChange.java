package io.lucid.projections;

/**
 * One row of a view that a handler changed, announced on the view-changes topic after the transaction commits.
 *
 * @param view    the view's name, e.g. {@code node}
 * @param id      the row's id within the view
 * @param version the row's version after the change
 */
public record ViewChange(String view, String id, long version) {

    /** The Kafka key of the announcement: per-row order holds because one row always maps to one partition. */
    public String key() {
        return view + ":" + id;
    }
}
