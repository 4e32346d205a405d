package io.lucid.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.view.ViewCatalogue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed view changes into updates. A change carries the row itself, so no database read is needed: the
 * row goes to the subscribers of every channel its view declares (the row's entity channel, the view's list channel,
 * the group channel of its group value), each subscriber receiving it only if its access scope allows the row.
 * Within a batch, only the newest version of each row is pushed.
 */
public final class LiveUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A change announcement: which row of which view, its version, and its body (null once deleted). */
    public record Change(String view, String id, long version, String body) {
    }

    private final SubscriptionRegistry registry;
    private final ViewCatalogue catalogue;

    public LiveUpdates(SubscriptionRegistry registry, ViewCatalogue catalogue) {
        this.registry = registry;
        this.catalogue = catalogue;
    }

    /** A batch of changes arrived. */
    public void changed(Collection<Change> changes) {
        Map<String, Change> newest = new LinkedHashMap<>();
        for (Change change : changes) {
            newest.merge(change.view() + ":" + change.id(), change,
                    (older, newer) -> newer.version() >= older.version() ? newer : older);
        }
        newest.values().forEach(this::push);
    }

    private void push(Change change) {
        Optional<ViewDefinition> view = catalogue.view(change.view());
        if (view.isEmpty() || view.get().channels().isEmpty()) {
            return;
        }
        JsonNode body = parse(change);
        if (body != null && isStub(view.get(), body)) {
            return; // served as absent until the event that creates the entity arrives
        }
        for (String channel : channelsOf(view.get(), change.id(), body)) {
            for (Subscription subscription : registry.subscribers(channel)) {
                boolean visible = body == null ? subscription.knows(change.id()) : subscription.scope().allows(body);
                if (visible) {
                    subscription.update(change.id(), change.version(), change.body());
                }
            }
        }
    }

    private static List<String> channelsOf(ViewDefinition view, String id, JsonNode body) {
        List<String> channels = new ArrayList<>(view.channels().size());
        for (ChannelSpec spec : view.channels()) {
            switch (spec.kind()) {
                case ENTITY -> channels.add(spec.name() + id);
                case ALL -> channels.add(spec.name());
                case GROUP -> {
                    JsonNode value = body == null ? null : body.path(spec.field());
                    if (value != null && value.isValueNode() && !value.isNull()) {
                        channels.add(spec.name() + value.asText());
                    }
                }
            }
        }
        return channels;
    }

    private static boolean isStub(ViewDefinition view, JsonNode body) {
        if (view.existsWhen() == null) {
            return false;
        }
        JsonNode node = body;
        for (String part : view.existsWhen().split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull();
    }

    private static JsonNode parse(Change change) {
        if (change.body() == null) {
            return null;
        }
        try {
            return JSON.readTree(change.body());
        } catch (JsonProcessingException e) {
            LOG.warn("View change {}:{} v{} has a body that is not JSON; skipped", change.view(), change.id(),
                    change.version());
            return null;
        }
    }
}
