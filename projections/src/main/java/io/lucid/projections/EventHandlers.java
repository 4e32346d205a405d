package io.lucid.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Dispatch from an event's class to its handler. An event type must be either handled or explicitly ignored:
 * an unknown type stops the loop, because advancing past it would leave a view silently stale.
 */
public final class EventHandlers {

    private final Map<Class<?>, EventHandler<?>> handlers;
    private final Set<Class<?>> ignored;

    private EventHandlers(Map<Class<?>, EventHandler<?>> handlers, Set<Class<?>> ignored) {
        this.handlers = Map.copyOf(handlers);
        this.ignored = Set.copyOf(ignored);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether some handler takes this event type. */
    public boolean handles(Class<?> eventType) {
        return handlers.containsKey(eventType);
    }

    /**
     * Applies the event with its handler.
     *
     * @throws UnprocessableRecordException when no handler takes the event's type and it is not ignored
     */
    public Optional<ViewChange> dispatch(SpecificRecord event, EventMetadata metadata, Connection tx)
            throws SQLException {
        EventHandler<?> handler = handlers.get(event.getClass());
        if (handler == null) {
            if (ignored.contains(event.getClass())) {
                return Optional.empty();
            }
            throw new UnprocessableRecordException(metadata.position(),
                    "no handler for event type " + event.getClass().getName());
        }
        return apply(handler, event, metadata, tx);
    }

    @SuppressWarnings("unchecked")
    private static <E extends SpecificRecord> Optional<ViewChange> apply(
            EventHandler<E> handler, SpecificRecord event, EventMetadata metadata, Connection tx) throws SQLException {
        // Safe: the map only pairs a class with a handler of that class (see Builder#on).
        return handler.handle((E) event, metadata, tx);
    }

    /** Collects the handlers; one per event class. */
    public static final class Builder {

        private final Map<Class<?>, EventHandler<?>> handlers = new HashMap<>();
        private final Set<Class<?>> ignored = new HashSet<>();

        public <E extends SpecificRecord> Builder on(Class<E> eventType, EventHandler<E> handler) {
            if (handlers.putIfAbsent(eventType, handler) != null) {
                throw new IllegalStateException("two handlers for " + eventType.getName());
            }
            return this;
        }

        /** Declares an event type that no view of these projections needs. */
        public Builder ignore(Class<? extends SpecificRecord> eventType) {
            ignored.add(eventType);
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(handlers, ignored);
        }
    }
}
