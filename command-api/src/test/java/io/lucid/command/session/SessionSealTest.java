package io.lucid.command.session;

import static io.lucid.command.session.SessionFixtures.ID;
import static io.lucid.command.session.SessionFixtures.NODE;
import static io.lucid.command.session.SessionFixtures.NOW;
import static io.lucid.command.session.SessionFixtures.chunk;
import static io.lucid.command.session.SessionFixtures.created;
import static io.lucid.command.session.SessionFixtures.history;
import static io.lucid.command.session.SessionFixtures.operator;
import static io.lucid.command.session.SessionFixtures.processed;
import static io.lucid.command.session.SessionFixtures.started;
import static io.lucid.command.session.SessionFixtures.stopped;
import static io.lucid.command.testing.Rejected.invalid;
import static io.lucid.command.testing.Rejected.invalidField;
import static io.lucid.command.testing.Rejected.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.session.SessionAnchored;
import io.lucid.events.session.SessionDeleted;
import io.lucid.events.session.SessionFailed;
import io.lucid.events.session.SessionProcessed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ProcessSession, AnchorSession, FailSession and DeleteSession (DOMAIN.md section 2). */
class SessionSealTest extends SessionFixtureTest {

    /**
     * Worked example, computed independently of this code:
     * <pre>
     * h(){ printf "$1" | sha256sum | cut -c1-64; }; p(){ echo -n "$1$2" | xxd -r -p | sha256sum | cut -c1-64; }
     * l1=$(h chunk-1); l2=$(h chunk-2); l3=$(h chunk-3); p $(p $l1 $l2) $(p $l3 $l3)
     *   -> 1c5ad57fcefa32ff015e885e53a7030eb0054028a1d6b7d708bd7e18637d6f37
     * printf '%s' '{"chunk_count":3,"created_at":"2026-11-21T08:00:00.000Z","merkle_root":"1c5ad57f...6f37",
     *   "session_id":"6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21","total_size":3072}' | sha256sum   (the full root, no spaces)
     *   -> c52df2fae25922113817537155a5dec3869245ff2dc47ea9a32da304d6fc09a8
     * </pre>
     */
    @Test
    void processesAStoppedSessionIntoItsMerkleRootAndManifestHash() {
        SessionProcessed expected = new SessionProcessed(ID,
                "1c5ad57fcefa32ff015e885e53a7030eb0054028a1d6b7d708bd7e18637d6f37", 3L, 3072L,
                "c52df2fae25922113817537155a5dec3869245ff2dc47ea9a32da304d6fc09a8", NOW);
        fixture.given(created(), started(), chunk(1), chunk(2), chunk(3), stopped())
                .when(new ProcessSessionCommand(ID), operator())
                .expectEvents(expected)
                .expectResultMessagePayload(expected)
                .expectState(session -> assertThat(session.status()).isEqualTo(SessionStatus.PROCESSED));
    }

    @Test
    void rejectsProcessingAStoppedSessionWithoutChunks() {
        fixture.given(created(), started(), stopped()).when(new ProcessSessionCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "no_chunks"));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = "STOPPED", mode = EnumSource.Mode.EXCLUDE)
    void rejectsProcessUnlessStopped(SessionStatus status) {
        fixture.given(history(status)).when(new ProcessSessionCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void anchorsAProcessedSession() {
        fixture.given(history(SessionStatus.PROCESSED))
                .when(new AnchorSessionCommand(ID, new AnchorSessionRequest("tron", "a".repeat(128), 61_000_000L)), operator())
                .expectEvents(new SessionAnchored(ID, "tron", "a".repeat(128), 61_000_000L, NOW))
                .expectResultMessagePayload(SessionStatus.ANCHORED);
    }

    @Test
    void anchorsWithoutABlockHeight() {
        fixture.given(history(SessionStatus.PROCESSED))
                .when(new AnchorSessionCommand(ID, new AnchorSessionRequest("tron", "t", null)), operator())
                .expectEvents(new SessionAnchored(ID, "tron", "t", null, NOW));
    }

    @Test
    void rejectsAnchoringTwice() {
        fixture.given(history(SessionStatus.ANCHORED))
                .when(new AnchorSessionCommand(ID, new AnchorSessionRequest("tron", "tx2", null)), operator())
                .expectNoEvents().expectException(with(409, "already_anchored", "ANCHORED"));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"PROCESSED", "ANCHORED"}, mode = EnumSource.Mode.EXCLUDE)
    void rejectsAnchorUnlessProcessed(SessionStatus status) {
        fixture.given(history(status)).when(new AnchorSessionCommand(ID, new AnchorSessionRequest("tron", "tx", null)), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void rejectsAnchorTxidOutsideOneTo128CharactersAndAMissingChain() {
        fixture.given(history(SessionStatus.PROCESSED))
                .when(new AnchorSessionCommand(ID, new AnchorSessionRequest(null, "a".repeat(129), -1L)), operator())
                .expectNoEvents().expectException(invalid("chain", "anchor_txid", "block_height"));
        setUpFixture();
        fixture.given(history(SessionStatus.PROCESSED))
                .when(new AnchorSessionCommand(ID, new AnchorSessionRequest("tron", "", null)), operator())
                .expectNoEvents().expectException(invalidField("anchor_txid", "required"));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"CREATED", "RECORDING", "PAUSED", "STOPPED", "PROCESSED"})
    void failsFromEveryNonTerminalState(SessionStatus status) {
        fixture.given(history(status)).when(new FailSessionCommand(ID, new FailSessionRequest("disk full")), operator())
                .expectEvents(new SessionFailed(ID, "disk full", NOW))
                .expectResultMessagePayload(SessionStatus.FAILED);
    }

    @Test
    void failingARecordingReleasesItsSlot() {
        slots.occupy(ID, NODE);
        fixture.given(created(), started()).when(new FailSessionCommand(ID, new FailSessionRequest("crash")), operator())
                .expectSuccessfulHandlerExecution();
        assertThat(slots.startedAt).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"ANCHORED", "FAILED", "DELETED"})
    void rejectsFailFromATerminalState(SessionStatus status) {
        fixture.given(history(status)).when(new FailSessionCommand(ID, new FailSessionRequest("late")), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void rejectsFailWithoutAReason() {
        fixture.given(created()).when(new FailSessionCommand(ID, new FailSessionRequest(" ")), operator())
                .expectNoEvents().expectException(invalidField("reason", "required"));
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"CREATED", "STOPPED", "PROCESSED", "ANCHORED", "FAILED"})
    void deletesASessionThatIsNotRecording(SessionStatus status) {
        fixture.given(history(status)).when(new DeleteSessionCommand(ID), operator())
                .expectEvents(new SessionDeleted(ID, NOW))
                .expectResultMessagePayload(SessionStatus.DELETED);
    }

    @ParameterizedTest
    @EnumSource(value = SessionStatus.class, names = {"RECORDING", "PAUSED", "DELETED"})
    void rejectsDeleteWhileRecordingOrPausedOrWhenDeleted(SessionStatus status) {
        fixture.given(history(status)).when(new DeleteSessionCommand(ID), operator())
                .expectNoEvents().expectException(with(409, "illegal_transition", "is " + status));
    }

    @Test
    void theProcessedEventOfTheHistoryHelperIsWellFormed() {
        assertThat(processed().getChunkCount()).isEqualTo(1L);
    }
}
