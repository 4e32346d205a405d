package io.lucid.command.position;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.position.Position;
import io.lucid.schemas.topic.Topics;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * Collects, per HTTP request, the last sequence number appended to each aggregate, as Axon publishes the events (an
 * event-store dispatch interceptor calls {@link #record}); {@link PositionFilter} takes them when the response goes
 * out and turns them into a {@link Position}. Keyed by the request id that travels in the command's metadata, so it
 * works on whatever thread appends the events (the request's own, or a proof writer's).
 *
 * <p>Entries of a request whose transaction rolled back are never taken (its response is an error) and expire after
 * {@link #TTL}; the map is also bounded, so a flood of failed requests cannot grow it.
 */
@Singleton
public final class PositionRecorder {

    static final Duration TTL = Duration.ofMinutes(1);
    static final int MAX_REQUESTS = 100_000;
    /** Beyond this many aggregates (a large proof batch) a position would not fit a header: none is issued. */
    static final int MAX_ENTRIES = 100;

    private record Pending(Instant at, Map<String, Position.Entry> entries) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    public PositionRecorder(Clock clock) {
        this.clock = clock;
    }

    /** Notes an event on its way into the event store. */
    public void record(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)) {
            return;
        }
        Object requestId = event.getMetaData().get(CommandProvenance.REQUEST_ID);
        if (!(requestId instanceof String id) || domain.getType() == null) {
            return;
        }
        if (pending.size() >= MAX_REQUESTS) {
            expire();
        }
        String topic;
        try {
            topic = Topics.forAggregateType(domain.getType()).name();
        } catch (IllegalArgumentException e) {
            return; // an aggregate no topic carries is not visible to any view
        }
        // A batch's proofs may be appended by several writer threads: the entries map is concurrent.
        pending.computeIfAbsent(id, key -> new Pending(clock.instant(), new ConcurrentHashMap<>()))
                .entries()
                .merge(domain.getAggregateIdentifier(),
                        new Position.Entry(topic, domain.getAggregateIdentifier(), domain.getSequenceNumber()),
                        (older, newer) -> newer.sequence() >= older.sequence() ? newer : older);
    }

    /** The position of what the request stored, if it stored anything and it fits a header. */
    public Optional<Position> take(String requestId) {
        Pending taken = pending.remove(requestId);
        if (taken == null || taken.entries().isEmpty() || taken.entries().size() > MAX_ENTRIES) {
            return Optional.empty();
        }
        return Optional.of(new Position(clock.instant(), List.copyOf(taken.entries().values())));
    }

    private void expire() {
        Instant oldest = clock.instant().minus(TTL);
        pending.values().removeIf(p -> p.at().isBefore(oldest));
        if (pending.size() >= MAX_REQUESTS) {
            pending.clear();
        }
    }
}
