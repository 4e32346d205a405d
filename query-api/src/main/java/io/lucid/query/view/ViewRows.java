package io.lucid.query.view;

import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The row reads live snapshots need; {@link ViewReader} answers them from the read schema. */
public interface ViewRows {

    Optional<ViewReader.StoredRow> find(ViewDefinition view, String id, AccessScope scope);

    /** The first {@code limit} rows of a list whose body fields equal {@code filters}. */
    List<ViewReader.StoredRow> firstPage(ViewDefinition view, Listing listing, Map<Filter, String> filters, int limit,
            AccessScope scope);
}
