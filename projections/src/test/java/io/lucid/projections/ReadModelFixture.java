package io.lucid.projections;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * A read model run on plain objects: events in, rows out, no database and no broker. It applies events through
 * the same {@link Handlers} dispatch and {@link RowBuffer} version rules as the engine.
 */
public final class ReadModelFixture {

    private final Handlers handlers;
    private final RowBuffer rows = new RowBuffer();
    private final AtomicLong offset = new AtomicLong();

    public ReadModelFixture(ReadModel model) {
        this.handlers = Handlers.of(model);
    }

    /** Applies an event of aggregate {@code aggregateId} at position {@code sequence}, at {@code time}. */
    public ReadModelFixture apply(SpecificRecord event, String aggregateId, long sequence, Instant time) {
        EventMetadata metadata = new EventMetadata("evt-" + offset.incrementAndGet(),
                event.getSchema().getFullName(), aggregateId, sequence, time, "tester", "corr-1", "test-topic", 0,
                offset.get(), null);
        try {
            handlers.dispatch(event, metadata, rows);
            rows.commitEvent(time);
        } catch (RuntimeException e) {
            rows.rollbackEvent();
            throw e;
        }
        return this;
    }

    public <T> Optional<T> row(String view, String id, Class<T> type) {
        return rows.get(view, id, type);
    }

    public long version(String view, String id) {
        return rows.version(view, id);
    }

    /** The stored form of a row (snake_case JSON), or null when absent or deleted. */
    public String json(String view, String id) {
        RowBuffer.Row row = rows.all().get(new RowKey(view, id));
        return row == null || row.body() == null ? null : row.body().toString();
    }

    public RowBuffer rows() {
        return rows;
    }
}
