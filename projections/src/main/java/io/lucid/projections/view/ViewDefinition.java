package io.lucid.projections.view;

import java.util.List;
import java.util.Objects;

/**
 * How query-api serves one view, declared by the read model that writes it: query-api derives its REST reads and
 * WebSocket channels from these and names no view in its own code.
 *
 * @param view       the view's wire name ({@link io.lucid.schemas.view.Views})
 * @param entityPath the collection whose {@code /{id}} reads one row, e.g. {@code nodes} for
 *                   {@code GET /api/v1/nodes/{id}}; null when rows are only listed
 * @param listings   the lists over this view's rows (a view may be listed several ways, e.g. scores and the
 *                   leaderboard)
 * @param access     who may read which rows
 * @param channels   the live channels that show this view's rows
 * @param existsWhen a body field that is null while a row is only a stub (a part read before the event that
 *                   creates the entity): such rows are served as absent, by id and in lists; null when every row
 *                   is whole
 */
public record ViewDefinition(String view, String entityPath, List<Listing> listings, Access access,
        List<ChannelSpec> channels, String existsWhen) {

    public ViewDefinition {
        Objects.requireNonNull(view, "view");
        listings = List.copyOf(listings);
        Objects.requireNonNull(access, "access");
        channels = List.copyOf(channels);
    }

    /** A builder-style start: {@code ViewDefinition.of(Views.NODE).entity("nodes")...}. */
    public static ViewDefinition of(String view) {
        return new ViewDefinition(view, null, List.of(), Access.READERS_ONLY, List.of(), null);
    }

    public ViewDefinition entity(String path) {
        return new ViewDefinition(view, path, listings, access, channels, existsWhen);
    }

    public ViewDefinition listing(Listing listing) {
        return new ViewDefinition(view, entityPath, append(listings, listing), access, channels, existsWhen);
    }

    public ViewDefinition access(Access newAccess) {
        return new ViewDefinition(view, entityPath, listings, newAccess, channels, existsWhen);
    }

    public ViewDefinition channel(ChannelSpec channel) {
        return new ViewDefinition(view, entityPath, listings, access, append(channels, channel), existsWhen);
    }

    /** Rows whose {@code field} is still null are stubs, served as absent. */
    public ViewDefinition existsWhen(String field) {
        return new ViewDefinition(view, entityPath, listings, access, channels, field);
    }

    private static <T> List<T> append(List<T> list, T item) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(item)).toList();
    }
}
