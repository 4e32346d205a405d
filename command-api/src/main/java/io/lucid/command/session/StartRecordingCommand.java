package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Start recording: CREATED -> RECORDING, if a recording slot is free (100 system-wide, 10 per node). */
public record StartRecordingCommand(@TargetAggregateIdentifier String sessionId) {
}
