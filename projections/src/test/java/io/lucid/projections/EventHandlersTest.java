package io.lucid.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventHandlersTest {

    private final EventMetadata metadata = EventMetadata.from(TestRecords.record("evt-1", "node_abc123", 2));

    @Test
    void dispatchesByEventClass() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.builder()
                .on(NodeRegistered.class, (event, meta, tx) -> {
                    seen.add(event.getNodeId() + "@" + meta.version());
                    return Optional.of(new ViewChange("node", event.getNodeId(), meta.version()));
                })
                .build();

        Optional<ViewChange> change = handlers.dispatch(TestRecords.nodeRegistered("node_abc123"), metadata, null);

        assertThat(seen).containsExactly("node_abc123@3");
        assertThat(change).contains(new ViewChange("node", "node_abc123", 3));
    }

    @Test
    void stopsOnAnEventTypeWithoutHandler() {
        EventHandlers handlers = EventHandlers.builder().build();

        assertThatThrownBy(() -> handlers.dispatch(TestRecords.nodeRegistered("node_abc123"), metadata, null))
                .isInstanceOf(UnprocessableRecordException.class)
                .hasMessageContaining("no handler")
                .hasMessageContaining("lucid.node.events/2@41");
    }

    @Test
    void skipsAnExplicitlyIgnoredEventType() throws Exception {
        EventHandlers handlers = EventHandlers.builder().ignore(ViewChanged.class).build();
        ViewChanged change = new ViewChanged("node", "node_abc123", 1L, Instant.EPOCH);

        assertThat(handlers.dispatch(change, metadata, null)).isEmpty();
    }

    @Test
    void refusesTwoHandlersForOneType() {
        EventHandlers.Builder builder = EventHandlers.builder().on(NodeRegistered.class, (e, m, tx) -> Optional.empty());

        assertThatThrownBy(() -> builder.on(NodeRegistered.class, (e, m, tx) -> Optional.empty()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theServiceHandlesEveryRecordTypeOfItsSourceTopics() {
        EventHandlers handlers = ProjectionService.handlers();
        for (var topic : ProjectionService.SOURCES) {
            assertThat(topic.records()).allSatisfy(type -> assertThat(handlers.handles(type)).as(type.getName()).isTrue());
        }
    }
}
