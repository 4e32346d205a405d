package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record one chunk of a RECORDING session; sequence numbers are contiguous from 1. */
public record RecordChunkCommand(@TargetAggregateIdentifier String sessionId, RecordChunkRequest chunk) {
}
