package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pause recording: RECORDING -> PAUSED (the session keeps its recording slot). */
public record PauseRecordingCommand(@TargetAggregateIdentifier String sessionId) {
}
