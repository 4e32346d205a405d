package io.lucid.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.view.ViewCatalogue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed view changes into updates. A change carries the row itself, so no database read is needed: the
 * row goes to the subscribers of every channel its view declares (the row's entity channel, the view's list channel,
 * the group channel of its group value), each subscriber receiving it only if its access scope allows the row.
 * Each change is recorded in the {@link ChangeHistory} first (for resumes), then encoded once per channel, text and
 * UTF-8 bytes: every subscriber of a channel is handed the same frame, and the same queue key. A redelivered change
 * (not newer than its row's last change) is judged once, by the {@link RowVersionFilter}, and goes to no channel.
 * Called by the feed's consumer thread only.
 */
public final class LiveUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A change announcement: which row of which view, its row version, its body (null once deleted), and where it
     * was on the feed: its partition and its channel version ({@link ChangeHistory}), and the {@code traceparent} of
     * the feed record (null when it had none or a malformed one).
     */
    public record Change(String view, String id, long version, String body, int partition, long feedVersion,
            String traceparent) {

        public Change(String view, String id, long version, String body, int partition, long feedVersion) {
            this(view, id, version, body, partition, feedVersion, null);
        }
    }

    private final SubscriptionRegistry registry;
    private final ViewCatalogue catalogue;
    private final ChangeHistory history;
    private final FrameCodec codec;
    private final RowVersionFilter rows = new RowVersionFilter();

    public LiveUpdates(SubscriptionRegistry registry, ViewCatalogue catalogue, ChangeHistory history,
            FrameCodec codec) {
        this.registry = registry;
        this.catalogue = catalogue;
        this.history = history;
        this.codec = codec;
    }

    /** A batch of changes arrived, in feed order per partition. */
    public void changed(Collection<Change> changes) {
        changes.forEach(this::push);
    }

    private void push(Change change) {
        Optional<ViewDefinition> view = catalogue.view(change.view());
        JsonNode body = parse(change.body());
        if (change.body() != null && body == null) {
            // Spliced into frames verbatim, it would break them: nobody gets it, and no resume may bridge it.
            history.skip(change.partition(), change.feedVersion());
            return;
        }
        // A stub (a part read before the entity's creation) is served as absent: it goes to no channel.
        boolean shown = view.isPresent() && !(body != null && isStub(view.get(), body))
                && rows.admit(change.view(), change.id(), change.version());
        List<String> channels = shown ? channelsOf(view.get(), change.id(), body) : List.of();
        history.append(change.partition(), new ChangeHistory.Entry(change.feedVersion(), change.view(), change.id(),
                change.version(), change.body(), channels, change.traceparent()));
        for (String channel : channels) {
            Collection<Subscription> subscribers = registry.subscribers(channel);
            if (subscribers.isEmpty()) {
                continue;
            }
            ServerFrame.State frame =
                    ServerFrame.State.update(channel, change.feedVersion(), change.body(), change.traceparent())
                            .encodedBy(codec);
            String key = Subscription.queueKey(channel, change.id());
            for (Subscription subscription : subscribers) {
                if (subscription.mayShow(change.id(), body)) {
                    subscription.update(change.id(), change.version(), key, frame);
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

    /** A change's body as JSON; null for a deletion, or (logged) for a body that is not JSON. */
    static JsonNode parse(String body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            LOG.warn("A view change has a body that is not JSON; it is shown to nobody");
            return null;
        }
    }
}
