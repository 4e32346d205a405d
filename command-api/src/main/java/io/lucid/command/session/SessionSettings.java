package io.lucid.command.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Session limits ({@code lucid.sessions.*}, each settable from the environment, see application.yml).
 *
 * @param maxRecordingDuration       a recording (RECORDING or PAUSED, wall-clock from its start) older than this is
 *                                   stopped by the system with reason {@code max_duration}
 * @param maxActiveRecordings        sessions RECORDING or PAUSED at once, system-wide
 * @param maxActiveRecordingsPerNode sessions RECORDING or PAUSED at once per node
 * @param sweepInterval              how often the over-long recordings are looked for
 */
@ConfigurationProperties("lucid.sessions")
public record SessionSettings(
        @Bindable(defaultValue = "3600s") Duration maxRecordingDuration,
        @Bindable(defaultValue = "100") int maxActiveRecordings,
        @Bindable(defaultValue = "10") int maxActiveRecordingsPerNode,
        @Bindable(defaultValue = "10s") Duration sweepInterval) {
}
