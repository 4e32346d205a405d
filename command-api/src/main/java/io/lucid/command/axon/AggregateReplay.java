package io.lucid.command.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.AbstractRepository;
import org.axonframework.modelling.command.Repository;

/**
 * An aggregate as it was after its first N events, or after the events up to a moment: its stored events replayed
 * through the aggregate class's own event-sourcing handlers (Axon's model of that class, as the repository uses), so
 * the audit's "state at" can never disagree with the rules that produced the events. No snapshot is used: the replay
 * always starts at sequence 0. The state is the aggregate's fields as JSON (snake case).
 */
public final class AggregateReplay {

    private static final ObjectMapper STATE_JSON = stateMapper();

    private final Configuration axon;
    private volatile Map<String, Replayable<?>> models;

    /** What the repository of one aggregate type uses: its model (handlers) and its factory (the empty root). */
    private record Replayable<T>(AggregateModel<T> model, AggregateFactory<T> factory) {
    }

    public AggregateReplay(Configuration axon) {
        this.axon = axon;
    }

    /** The state; {@code version} (events to apply, >= 1) or {@code at} bound the replay, or neither (all). */
    public record State(String aggregateId, String aggregateType, long version, Instant lastEventAt, JsonNode state) {

        /** The answer body: {@code aggregate_id, aggregate_type, version, last_event_at, state}. */
        public String json() {
            return STATE_JSON.createObjectNode().put("aggregate_id", aggregateId).put("aggregate_type", aggregateType)
                    .put("version", version).put("last_event_at", lastEventAt.toString()).set("state", state).toString();
        }
    }

    /** Empty when the aggregate has no event within the bounds (unknown, or not yet created then). */
    public Optional<State> stateOf(String aggregateId, Long version, Instant at) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = axon.eventStore().readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if ((version != null && events.size() >= version) || (at != null && event.getTimestamp().isAfter(at))) {
                break;
            }
            events.add(event);
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.get(0);
        Replayable<?> model = models().get(first.getType());
        if (model == null) {
            throw new IllegalStateException("no aggregate class is configured for type " + first.getType());
        }
        Object root = replay(model, aggregateId, events);
        DomainEventMessage<?> last = events.get(events.size() - 1);
        return Optional.of(new State(aggregateId, first.getType(), events.size(), last.getTimestamp(),
                STATE_JSON.valueToTree(root)));
    }

    private static <T> T replay(Replayable<T> replayable, String aggregateId, List<DomainEventMessage<?>> events) {
        try {
            T root = replayable.factory().createAggregateRoot(aggregateId, events.get(0));
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, replayable.model(), null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(events));
            return aggregate.getAggregateRoot();
        } catch (RuntimeException e) {
            throw new IllegalStateException("replaying " + aggregateId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Aggregate type name (the event store's {@code type} column) to the model its repository loads it with. The
     * repository's own model, not a fresh inspection: its handlers' parameters (a clock, claims) resolve exactly as
     * they do for commands, and the state transitions are by construction the ones the repository applies.
     */
    private Map<String, Replayable<?>> models() {
        Map<String, Replayable<?>> known = models;
        if (known == null) {
            known = new HashMap<>();
            for (AggregateConfiguration<?> aggregate : axon.findModules(AggregateConfiguration.class)) {
                Replayable<?> replayable = replayable(aggregate);
                known.put(replayable.model().type(), replayable);
            }
            models = known;
        }
        return known;
    }

    /** Axon keeps the repository's model protected; it is read once per aggregate type, at the first replay. */
    @SuppressWarnings("unchecked")
    private static <T> Replayable<T> replayable(AggregateConfiguration<T> aggregate) {
        Repository<T> repository = aggregate.repository();
        try {
            Method model = AbstractRepository.class.getDeclaredMethod("aggregateModel");
            model.setAccessible(true);
            return new Replayable<>((AggregateModel<T>) model.invoke(repository), aggregate.aggregateFactory());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the aggregate model of " + repository + " is not readable", e);
        }
    }

    private static ObjectMapper stateMapper() {
        SimpleModule avro = new SimpleModule().addSerializer(GenericContainer.class, new JsonSerializer<>() {
            @Override
            public void serialize(GenericContainer value, JsonGenerator out, SerializerProvider provider)
                    throws IOException {
                // Avro records inside the state (a node's hardware, a proof) as Avro's own JSON rendering.
                out.writeRawValue(GenericData.get().toString(value));
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(avro)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }
}
