package io.lucid.query.view;

import io.lucid.projections.ReadModel;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every served view, from the read models' declarations: resolves a REST path under {@code /api/v1} to a row or a
 * list, and a view to the read model (projection) that writes it. Nothing here names a view.
 */
public final class ViewCatalogue {

    /** What a path asks for. */
    public sealed interface Route permits Entity, Page {
        ViewDefinition view();
    }

    /** One row: {@code /<entityPath>/{id}}. */
    public record Entity(ViewDefinition view, String id) implements Route {
    }

    /** One list, and the parent id of a child list. */
    public record Page(ViewDefinition view, Listing listing, String parentId) implements Route {
    }

    private record ListingOf(ViewDefinition view, Listing listing, String[] segments) {
    }

    private final List<ReadModel> models;
    private final List<ViewDefinition> views = new ArrayList<>();
    private final Map<String, ViewDefinition> byEntityPath = new HashMap<>();
    private final List<ListingOf> listings = new ArrayList<>();
    private final Map<String, ReadModel> modelByView = new HashMap<>();

    public ViewCatalogue(List<ReadModel> models) {
        this.models = List.copyOf(models);
        for (ReadModel model : models) {
            for (ViewDefinition view : model.views()) {
                views.add(view);
                modelByView.put(view.view(), model);
                if (view.entityPath() != null && byEntityPath.put(view.entityPath(), view) != null) {
                    throw new IllegalStateException("two views served at " + view.entityPath());
                }
                for (Listing listing : view.listings()) {
                    listings.add(new ListingOf(view, listing, listing.path().split("/")));
                }
            }
        }
    }

    public List<ReadModel> models() {
        return models;
    }

    public List<ViewDefinition> views() {
        return List.copyOf(views);
    }

    /** The read model that writes a view. */
    public ReadModel modelOf(ViewDefinition view) {
        return modelByView.get(view.view());
    }

    public Optional<ViewDefinition> view(String name) {
        return views.stream().filter(view -> view.view().equals(name)).findFirst();
    }

    /** The route of a path's decoded segments (after {@code /api/v1/}), if any view serves it. */
    public Optional<Route> resolve(List<String> segments) {
        for (ListingOf candidate : listings) {
            Match match = match(candidate.segments(), segments);
            if (match != null) {
                return Optional.of(new Page(candidate.view(), candidate.listing(), match.parentId()));
            }
        }
        if (segments.size() >= 2) {
            String collection = String.join("/", segments.subList(0, segments.size() - 1));
            ViewDefinition view = byEntityPath.get(collection);
            if (view != null) {
                return Optional.of(new Entity(view, segments.get(segments.size() - 1)));
            }
        }
        return Optional.empty();
    }

    /** A listing path that matched; {@code parentId} is its {@code {id}} segment, null when it has none. */
    private record Match(String parentId) {
    }

    /** The match of a listing pattern, or null. */
    private static Match match(String[] pattern, List<String> segments) {
        if (pattern.length != segments.size()) {
            return null;
        }
        String id = null;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].equals("{id}")) {
                id = segments.get(i);
            } else if (!pattern[i].equals(segments.get(i))) {
                return null;
            }
        }
        return new Match(id);
    }
}
