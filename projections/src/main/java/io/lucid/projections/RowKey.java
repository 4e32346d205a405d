package io.lucid.projections;

/** A row's address: its view and its id within the view. */
public record RowKey(String view, String id) {

    /** How a change is keyed on {@code lucid.view.changes}: one row always maps to one partition. */
    public String wireKey() {
        return view + ":" + id;
    }
}
