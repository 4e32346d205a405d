package io.lucid.query.live;

import io.lucid.query.node.NodeReader;
import io.lucid.query.node.NodeView;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed view changes into updates: re-reads the changed rows (one query per view for a whole batch of
 * changes), then offers each row to the subscribers of every channel that shows it. Changes of rows nobody
 * watches cost no read.
 */
public final class LiveUpdates {

    /** The view name the projections announce node changes under. */
    public static final String NODE_VIEW = "node";

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    /** A change announcement: which row of which view. */
    public record Change(String view, String id) {
    }

    /** A changed row as the live channels show it. */
    record Row(String id, long version, Object data) {
    }

    /** How one view maps to channels and rows. */
    record Route(Function<String, List<String>> channels, Function<Collection<String>, List<Row>> reader) {
    }

    private final SubscriptionRegistry registry;
    private final Map<String, Route> routes;

    public LiveUpdates(SubscriptionRegistry registry, NodeReader nodes) {
        this.registry = registry;
        this.routes = Map.of(NODE_VIEW, new Route(
                id -> List.of(Channel.Node.nameOf(id), Channel.Nodes.NAME),
                ids -> nodes.findAll(ids).stream().map(LiveUpdates::row).toList()));
    }

    public void changed(String view, String id) {
        changed(List.of(new Change(view, id)));
    }

    /** A batch of changes arrived; a row changed several times in the batch is read once. */
    public void changed(Collection<Change> changes) {
        Map<String, Set<String>> idsByView = new LinkedHashMap<>();
        changes.forEach(change -> idsByView.computeIfAbsent(change.view(), view -> new LinkedHashSet<>())
                .add(change.id()));
        idsByView.forEach(this::changed);
    }

    private void changed(String view, Set<String> ids) {
        Route route = routes.get(view);
        if (route == null) {
            LOG.debug("No live channel shows view {}", view);
            return;
        }
        List<String> watched = ids.stream().filter(id -> registry.hasSubscribers(route.channels().apply(id))).toList();
        if (watched.isEmpty()) {
            return;
        }
        for (Row row : route.reader().apply(watched)) {
            route.channels().apply(row.id()).stream()
                    .map(registry::subscribers)
                    .flatMap(Collection::stream)
                    .forEach(subscription -> subscription.update(row.id(), row.version(), row.data()));
        }
    }

    private static Row row(NodeView node) {
        return new Row(node.nodeId(), node.version(), node);
    }
}
