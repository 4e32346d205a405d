package io.lucid.command.session;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.events.session.StopReason;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops recordings that have run longer than {@code lucid.sessions.max-recording-duration} (wall-clock from
 * RecordingStarted, pauses included: a forgotten paused session must not hold a slot for ever). Each stop is an
 * ordinary StopRecording with reason {@code max_duration}, actor {@code system}, a fresh correlation id and, as
 * causation, the id of the RecordingStarted event whose time ran out. Idempotent: a recording stopped meanwhile
 * (by a client or by another instance's sweep) is refused with 409 and skipped.
 */
@Singleton
final class MaxDurationSweep {

    static final String ACTOR = "system";
    private static final Logger LOG = LoggerFactory.getLogger(MaxDurationSweep.class);
    private static final int BATCH = 100;
    private static final Principal SYSTEM = Principal.system("session-max-duration");

    private final RecordingSlots slots;
    private final CommandGateway commands;
    private final SessionSettings settings;
    private final Clock clock;

    MaxDurationSweep(RecordingSlots slots, CommandGateway commands, SessionSettings settings, Clock clock) {
        this.slots = slots;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${lucid.sessions.sweep-interval:10s}", initialDelay = "${lucid.sessions.sweep-interval:10s}")
    void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("max-duration sweep failed; retrying at the next interval", e);
        }
    }

    /** Stops every overdue recording; returns how many this call stopped. */
    int sweep() {
        Instant cutoff = clock.instant().minus(settings.maxRecordingDuration());
        List<RecordingSlots.Overdue> overdue = slots.startedBefore(cutoff, BATCH);
        int stopped = 0;
        for (RecordingSlots.Overdue recording : overdue) {
            if (stop(recording)) {
                stopped++;
            }
        }
        return stopped;
    }

    private boolean stop(RecordingSlots.Overdue recording) {
        String causation = recording.startedEventId() != null ? recording.startedEventId() : recording.sessionId();
        CommandProvenance provenance = new CommandProvenance(ACTOR, UUID.randomUUID().toString(), causation,
                io.lucid.schemas.trace.TraceContext.newTrace());
        try {
            commands.sendAndWait(GenericCommandMessage
                    .asCommandMessage(new StopRecordingCommand(recording.sessionId(), StopReason.max_duration))
                    .andMetaData(provenance.metaData())
                    .andMetaData(SYSTEM.metaData()));
            LOG.info("stopped session {} after the maximum recording duration (started {})", recording.sessionId(), recording.startedAt());
            return true;
        } catch (CommandRejectedException | AggregateNotFoundException | ConcurrencyException e) {
            LOG.debug("session {} needs no stop: {}", recording.sessionId(), e.getMessage());
            return false;
        }
    }
}
