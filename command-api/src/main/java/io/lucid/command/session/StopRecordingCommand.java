package io.lucid.command.session;

import io.lucid.events.session.StopReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stop recording: RECORDING or PAUSED -> STOPPED. Clients always stop with {@code requested}; the
 * {@link MaxDurationSweep} stops over-long recordings with {@code max_duration}.
 */
public record StopRecordingCommand(@TargetAggregateIdentifier String sessionId, StopReason reason) {
}
