package io.lucid.projections;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Dispatch from an event's class to its handler. Every type on a read model's topics must be handled or explicitly
 * ignored: an unknown type is dead-lettered, since skipping it silently would leave a view stale unnoticed.
 */
public final class Handlers {

    private final Map<Class<?>, Handler<?>> handlers;
    private final Set<Class<?>> ignored;

    private Handlers(Map<Class<?>, Handler<?>> handlers, Set<Class<?>> ignored) {
        this.handlers = Map.copyOf(handlers);
        this.ignored = Set.copyOf(ignored);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handlers a read model registers. */
    public static Handlers of(ReadModel model) {
        Builder builder = builder();
        model.register(builder);
        return builder.build();
    }

    /** Whether some handler takes this event type. */
    public boolean handles(Class<?> eventType) {
        return handlers.containsKey(eventType);
    }

    /** Whether the type is handled or deliberately ignored. */
    public boolean knows(Class<?> eventType) {
        return handlers.containsKey(eventType) || ignored.contains(eventType);
    }

    /**
     * Applies the event with its handler.
     *
     * @throws UnknownEventTypeException when no handler takes the event's type and it is not ignored
     */
    public void dispatch(SpecificRecord event, EventMetadata metadata, Rows rows) {
        Handler<?> handler = handlers.get(event.getClass());
        if (handler == null) {
            if (ignored.contains(event.getClass())) {
                return;
            }
            throw new UnknownEventTypeException(event.getClass().getName());
        }
        apply(handler, event, metadata, rows);
    }

    @SuppressWarnings("unchecked")
    private static <E extends SpecificRecord> void apply(Handler<E> handler, SpecificRecord event,
            EventMetadata metadata, Rows rows) {
        // Safe: the map only pairs a class with a handler of that class (see Builder#on).
        handler.apply((E) event, metadata, rows);
    }

    /** An event whose type the read model neither handles nor ignores. */
    public static final class UnknownEventTypeException extends RuntimeException {
        UnknownEventTypeException(String type) {
            super("no handler for event type " + type);
        }
    }

    /** Collects the handlers; one per event class. */
    public static final class Builder {

        private final Map<Class<?>, Handler<?>> handlers = new HashMap<>();
        private final Set<Class<?>> ignored = new HashSet<>();

        public <E extends SpecificRecord> Builder on(Class<E> eventType, Handler<E> handler) {
            if (handlers.putIfAbsent(eventType, handler) != null) {
                throw new IllegalStateException("two handlers for " + eventType.getName());
            }
            return this;
        }

        /** Declares an event type on the read model's topics that none of its views needs. */
        public Builder ignore(Class<? extends SpecificRecord> eventType) {
            ignored.add(eventType);
            return this;
        }

        public Handlers build() {
            return new Handlers(handlers, ignored);
        }
    }
}
