package io.lucid.projections.view;

import java.util.List;
import java.util.Objects;

/**
 * One paginated list over a view's rows: {@code GET /api/v1/<path>?limit=&cursor=&<filters>}. Pages are keyset
 * pages over ({@link #sort()}, id), so a cursor stays valid and no row is seen twice while rows are inserted.
 *
 * @param path        the list's path under {@code /api/v1}; a child list names its parent with {@code {id}}, e.g.
 *                    {@code pools/{id}/members}
 * @param parentField for a child list: the body field that holds the parent id (rows are stored with it as
 *                    their parent); null otherwise
 * @param sort        the order of the list; ties are broken by row id ascending
 * @param filters     the query parameters that narrow it
 * @param ranked      whether each item gets a 1-based {@code rank} (its position in the whole ordered list)
 * @param summary     what the list is, for the API document
 * @param parentView  for a child list: the view of the parent rows, so that the list of a parent that does not
 *                    exist, or that the caller may not read, answers 404 rather than an empty page; may be null
 */
public record Listing(String path, String parentField, Sort sort, List<Filter> filters, boolean ranked,
        String summary, String parentView) {

    public Listing {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sort, "sort");
        filters = List.copyOf(filters);
        Objects.requireNonNull(summary, "summary");
        if (path.contains("{id}") != (parentField != null)) {
            throw new IllegalArgumentException("a child list has both {id} in its path and a parent field: " + path);
        }
    }

    /** A top-level list. */
    public static Listing of(String path, Sort sort, String summary, Filter... filters) {
        return new Listing(path, null, sort, List.of(filters), false, summary, null);
    }

    /** The rows of one parent, e.g. {@code pools/{id}/members}. */
    public static Listing children(String path, String parentField, Sort sort, String summary, Filter... filters) {
        return new Listing(path, parentField, sort, List.of(filters), false, summary, null);
    }

    /** The same list with a rank on each item. */
    public Listing withRank() {
        return new Listing(path, parentField, sort, filters, true, summary, parentView);
    }

    /** The same child list, checked against its parent view. */
    public Listing under(String view) {
        return new Listing(path, parentField, sort, filters, ranked, summary, view);
    }
}
