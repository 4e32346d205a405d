package io.lucid.projections;

import org.apache.avro.specific.SpecificRecord;

/**
 * Applies one event to the rows of a read model. A handler is a pure function of the event, its metadata and the
 * rows it reads: no I/O, no clock, no randomness. The engine may run it twice on the same input (once to learn which
 * rows to prefetch), batches its writes, and rolls its writes back alone when it throws.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface Handler<E extends SpecificRecord> {

    void apply(E event, EventMetadata metadata, Rows rows);
}
