package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.ID;
import static io.lucid.command.session.SessionFixtures.NODE;
import static io.lucid.command.session.SessionFixtures.NOW;
import static io.lucid.command.session.SessionFixtures.created;
import static io.lucid.command.session.SessionFixtures.history;
import static io.lucid.command.session.SessionFixtures.operator;
import static io.lucid.command.session.SessionFixtures.paused;
import static io.lucid.command.session.SessionFixtures.started;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingResumed;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Start, pause, resume and stop (DOMAIN.md section 2), and the recording limits they enforce. */
class SessionRecordingTest extends SessionFixtureTest {

    @Test
    void startsRecordingFromCreatedAndClaimsASlot() {
        fixture.given(created())
                .when(new StartRecordingCommand(ID), operator())
                .expectEvents(new RecordingStarted(ID, NOW))
                .expectResultMessagePayload(SessionStatus.RECORDING);
        assertThat(slots.nodeOf).containsEntry(ID, NODE);
        assertThat(slots.startedAt).containsEntry(ID, NOW);
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "CREATED", mode = EnumSource.Mode.EXCLUDE)
    void rejectsStartUnlessCreatedNamingTheCurrentState(SessionStatus status) {
        fixture.given(history(status)).when(new StartRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
        assertThat(slots.startedAt).isEmpty();
    }

    @Test
    void rejectsStartWhenTheSystemWideRecordingLimitIsReached() {
        slots.occupy("a", "node_other_01");
        slots.occupy("b", "node_other_02");
        slots.occupy("c", null);
        fixture.given(created()).when(new StartRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(422, "recording_limit_reached"));
    }

    @Test
    void rejectsStartWhenTheNodeRecordingLimitIsReached() {
        slots.occupy("a", NODE);
        slots.occupy("b", NODE);
        fixture.given(created()).when(new StartRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(422, "node_recording_limit_reached", NODE));
    }

    @Test
    void sessionsWithoutANodeCountOnlyTowardsTheSystemWideLimit() {
        slots.occupy("a", null);
        slots.occupy("b", null);
        fixture.given(created(SessionFixtures.OPERATOR, null, 10)).when(new StartRecordingCommand(ID), operator())
                .expectEvents(new RecordingStarted(ID, NOW));
    }

    @Test
    void pausesARecording() {
        fixture.given(created(), started()).when(new PauseRecordingCommand(ID), operator())
                .expectEvents(new RecordingPaused(ID, NOW))
                .expectState(session -> assertThat(session.status()).isEqualTo(SessionStatus.PAUSED));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "RECORDING", mode = EnumSource.Mode.EXCLUDE)
    void rejectsPauseUnlessRecording(SessionStatus status) {
        fixture.given(history(status)).when(new PauseRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void resumesAPausedRecording() {
        fixture.given(created(), started(), paused()).when(new ResumeRecordingCommand(ID), operator())
                .expectEvents(new RecordingResumed(ID, NOW))
                .expectState(session -> assertThat(session.status()).isEqualTo(SessionStatus.RECORDING));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "PAUSED", mode = EnumSource.Mode.EXCLUDE)
    void rejectsResumeUnlessPaused(SessionStatus status) {
        fixture.given(history(status)).when(new ResumeRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"RECORDING", "PAUSED"})
    void stopsARecordingOrPausedSessionAndReleasesItsSlot(SessionStatus status) {
        slots.occupy(ID, NODE);
        fixture.given(history(status)).when(new StopRecordingCommand(ID, StopReason.requested), operator())
                .expectEvents(new RecordingStopped(ID, StopReason.requested, NOW))
                .expectResultMessagePayload(SessionStatus.STOPPED);
        assertThat(slots.startedAt).doesNotContainKey(ID);
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"RECORDING", "PAUSED"}, mode = EnumSource.Mode.EXCLUDE)
    void rejectsStopUnlessRecordingOrPaused(SessionStatus status) {
        fixture.given(history(status)).when(new StopRecordingCommand(ID, StopReason.requested), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void theSystemStopsAnOverlongRecordingWithReasonMaxDuration() {
        fixture.given(created(), started(), paused())
                .when(new StopRecordingCommand(ID, StopReason.max_duration), SessionFixtures.system())
                .expectEvents(new RecordingStopped(ID, StopReason.max_duration, NOW));
    }

    @Test
    void aSecondStartIsRefusedAndTakesNoSecondSlot() {
        slots.occupy(ID, NODE);
        fixture.given(created(), started()).when(new StartRecordingCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is RECORDING"));
        assertThat(slots.startedAt).hasSize(1);
    }
}
