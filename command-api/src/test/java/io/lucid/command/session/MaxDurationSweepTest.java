package io.lucid.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.events.session.StopReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.Test;

/** The sweep that stops recordings older than the maximum duration, as the system, with a causation id. */
class MaxDurationSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private final InMemoryRecordingSlots slots = new InMemoryRecordingSlots(100, 10);

    private MaxDurationSweep sweep(boolean refuse) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(StopRecordingCommand.class.getName(), message -> {
            sent.add(message);
            if (refuse) {
                throw new CommandRejectedException(409, "illegal_transition", "already stopped");
            }
            return SessionStatus.STOPPED;
        });
        SessionSettings settings = new SessionSettings(Duration.ofSeconds(3600), 100, 10, Duration.ofSeconds(10));
        return new MaxDurationSweep(slots, DefaultCommandGateway.builder().commandBus(bus).build(), settings,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void stopsOnlyRecordingsOlderThanTheMaximumDurationAsTheSystem() {
        slots.claim("overdue", null, NOW.minusSeconds(3601));
        slots.claim("exactly", null, NOW.minusSeconds(3600));
        slots.claim("young", null, NOW.minusSeconds(3599));

        assertThat(sweep(false).sweep()).isEqualTo(2);

        assertThat(sent).extracting(m -> ((StopRecordingCommand) m.getPayload()).sessionId()).containsExactly("overdue", "exactly");
        CommandMessage<?> stop = sent.get(0);
        assertThat(((StopRecordingCommand) stop.getPayload()).reason()).isEqualTo(StopReason.max_duration);
        assertThat(stop.getMetaData()).containsEntry("actor", "system").containsEntry("causation_id", "started-overdue");
        assertThat(stop.getMetaData().get("correlation_id")).isNotNull();
        assertThat(stop.getMetaData().get("principal_roles")).isEqualTo("SYSTEM");
    }

    @Test
    void aRecordingStoppedMeanwhileIsSkipped() {
        slots.claim("raced", null, NOW.minusSeconds(7200));
        assertThat(sweep(true).sweep()).isZero();
        assertThat(sent).hasSize(1);
    }
}
