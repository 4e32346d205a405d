package io.lucid.command.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resume recording: PAUSED -> RECORDING. */
public record ResumeRecordingCommand(@TargetAggregateIdentifier String sessionId) {
}
