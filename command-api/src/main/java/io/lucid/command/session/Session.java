package io.lucid.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.events.session.ChunkRecorded;
import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingResumed;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionAnchored;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionDeleted;
import io.lucid.events.session.SessionFailed;
import io.lucid.events.session.SessionProcessed;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A recording session (DOMAIN.md section 2): created, recorded chunk by chunk, stopped, sealed with a Merkle root
 * and anchored. Event-sourced; handlers check who may act, then the fields, then the state, and only then apply.
 * OPERATOR and ADMIN may act on every session, a DEVICE only on the sessions it owns (it created).
 * The state is kept Jackson-serialisable (annotated fields, no {@code Instant}) because long recordings are snapshotted.
 */
public class Session {

    /** 1 GB = 10^9 bytes: {@code max_size_gb} is decimal, like every storage quota a user sees. */
    static final long BYTES_PER_GB = 1_000_000_000L;

    // @JsonProperty: the fields are the snapshot (Jackson), without getters that would widen the aggregate's API.
    @AggregateIdentifier
    @JsonProperty
    private String sessionId;
    @JsonProperty
    private SessionStatus status;
    @JsonProperty
    private String owner;
    @JsonProperty
    private String nodeId;
    @JsonProperty
    private long createdAtMillis;
    @JsonProperty
    private long maxSizeBytes;
    @JsonProperty
    private ChunkLedger chunks = new ChunkLedger();

    /** Axon rebuilds the aggregate from its events (or a snapshot) through this constructor. */
    protected Session() {
    }

    @CommandHandler
    public Session(CreateSessionCommand command, Principal principal, Clock clock) {
        principal.requireAny(Roles.OPERATOR, Roles.DEVICE);
        SessionCreationRules.check(command.request());
        apply(SessionEvents.created(command, principal.subject(), clock.instant()));
    }

    @CommandHandler
    SessionStatus handle(StartRecordingCommand command, Principal principal, RecordingSlots slots, Clock clock) {
        authorize(principal);
        requireStatus("start recording", SessionStatus.CREATED);
        Instant now = clock.instant();
        switch (slots.claim(sessionId, nodeId, now)) {
            case SYSTEM_LIMIT_REACHED -> throw limit("recording_limit_reached",
                    "the maximum number of sessions recording at once is reached; stop one first");
            case NODE_LIMIT_REACHED -> throw limit("node_recording_limit_reached",
                    "the maximum number of sessions recording at once on node " + nodeId + " is reached");
            case GRANTED -> apply(new RecordingStarted(sessionId, now));
        }
        return status;
    }

    @CommandHandler
    SessionStatus handle(PauseRecordingCommand command, Principal principal, Clock clock) {
        authorize(principal);
        requireStatus("pause recording", SessionStatus.RECORDING);
        apply(new RecordingPaused(sessionId, clock.instant()));
        return status;
    }

    @CommandHandler
    SessionStatus handle(ResumeRecordingCommand command, Principal principal, Clock clock) {
        authorize(principal);
        requireStatus("resume recording", SessionStatus.PAUSED);
        apply(new RecordingResumed(sessionId, clock.instant()));
        return status;
    }

    @CommandHandler
    SessionStatus handle(StopRecordingCommand command, Principal principal, RecordingSlots slots, Clock clock) {
        authorize(principal);
        requireStatus("stop recording", SessionStatus.RECORDING, SessionStatus.PAUSED);
        slots.release(sessionId);
        apply(new RecordingStopped(sessionId, command.reason(), clock.instant()));
        return status;
    }

    @CommandHandler
    ChunkReceipt handle(RecordChunkCommand command, Principal principal, Clock clock) {
        authorize(principal);
        RecordChunkRequest chunk = command.chunk();
        SessionCommandRules.checkChunk(chunk);
        requireStatus("record a chunk", SessionStatus.RECORDING);
        long sequence = chunk.sequenceNumber();
        String hash = chunk.ciphertextSha256().toLowerCase(Locale.ROOT);
        long expected = chunks.count() + 1L;
        if (sequence < expected) {
            if (chunks.hashAt(sequence).equals(hash)) {
                return new ChunkReceipt(sequence, chunks.totalSize(), true); // a retry: nothing new to record
            }
            throw CommandRejectedException.conflict("chunk_conflict",
                    "chunk " + sequence + " of session " + sessionId + " was already recorded with another ciphertext hash");
        }
        if (sequence > expected) {
            throw CommandRejectedException.conflict("chunk_sequence_gap",
                    "expected sequence number " + expected + " but got " + sequence);
        }
        long total = chunks.totalSize() + chunk.sizeBytes();
        if (total > maxSizeBytes) {
            throw limit("max_size_exceeded", "the chunk would bring the session to " + total
                    + " bytes, above its max_size_gb of " + maxSizeBytes / BYTES_PER_GB + " GB");
        }
        apply(new ChunkRecorded(sessionId, sequence, chunk.sizeBytes(), hash, chunk.durationMs(), chunk.frameCount(),
                total, clock.instant()));
        return new ChunkReceipt(sequence, total, false);
    }

    @CommandHandler
    SessionProcessed handle(ProcessSessionCommand command, Principal principal, Clock clock) {
        authorize(principal);
        requireStatus("process the session", SessionStatus.STOPPED);
        if (chunks.count() == 0) {
            throw CommandRejectedException.conflict("no_chunks", "session " + sessionId + " is STOPPED without any chunk: nothing to process");
        }
        String root = chunks.merkleRoot();
        String manifest = SessionManifest.hash(chunks.count(), Instant.ofEpochMilli(createdAtMillis), root, sessionId, chunks.totalSize());
        SessionProcessed processed = new SessionProcessed(sessionId, root, (long) chunks.count(), chunks.totalSize(), manifest,
                clock.instant());
        apply(processed);
        return processed;
    }

    @CommandHandler
    SessionStatus handle(AnchorSessionCommand command, Principal principal, Clock clock) {
        authorize(principal);
        SessionCommandRules.checkAnchor(command.anchor());
        if (status == SessionStatus.ANCHORED) {
            throw CommandRejectedException.conflict("already_anchored", "session " + sessionId + " is already ANCHORED");
        }
        requireStatus("anchor the session", SessionStatus.PROCESSED);
        AnchorSessionRequest anchor = command.anchor();
        apply(new SessionAnchored(sessionId, anchor.chain(), anchor.anchorTxid(), anchor.blockHeight(), clock.instant()));
        return status;
    }

    @CommandHandler
    SessionStatus handle(FailSessionCommand command, Principal principal, RecordingSlots slots, Clock clock) {
        authorize(principal);
        SessionCommandRules.checkFailure(command.failure());
        if (!SessionStatus.FAILABLE.contains(status)) {
            throw illegalTransition("fail the session");
        }
        if (SessionStatus.ACTIVE.contains(status)) {
            slots.release(sessionId);
        }
        apply(new SessionFailed(sessionId, command.failure().reason(), clock.instant()));
        return status;
    }

    @CommandHandler
    SessionStatus handle(DeleteSessionCommand command, Principal principal, Clock clock) {
        authorize(principal);
        if (SessionStatus.ACTIVE.contains(status) || status == SessionStatus.DELETED) {
            throw illegalTransition("delete the session");
        }
        apply(new SessionDeleted(sessionId, clock.instant()));
        return status;
    }

    @EventSourcingHandler
    void on(SessionCreated event) {
        sessionId = event.getSessionId();
        owner = event.getOwner();
        nodeId = event.getNodeId();
        createdAtMillis = event.getCreatedAt().toEpochMilli();
        maxSizeBytes = event.getStorage().getMaxSizeGb() * BYTES_PER_GB;
        status = SessionStatus.CREATED;
    }

    @EventSourcingHandler
    void on(RecordingStarted event) {
        status = SessionStatus.RECORDING;
    }

    @EventSourcingHandler
    void on(RecordingPaused event) {
        status = SessionStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(RecordingResumed event) {
        status = SessionStatus.RECORDING;
    }

    @EventSourcingHandler
    void on(RecordingStopped event) {
        status = SessionStatus.STOPPED;
    }

    @EventSourcingHandler
    void on(ChunkRecorded event) {
        chunks.append(event.getCiphertextSha256(), event.getSizeBytes());
    }

    @EventSourcingHandler
    void on(SessionProcessed event) {
        status = SessionStatus.PROCESSED;
    }

    @EventSourcingHandler
    void on(SessionAnchored event) {
        status = SessionStatus.ANCHORED;
    }

    @EventSourcingHandler
    void on(SessionFailed event) {
        status = SessionStatus.FAILED;
    }

    @EventSourcingHandler
    void on(SessionDeleted event) {
        status = SessionStatus.DELETED;
    }

    SessionStatus status() {
        return status;
    }

    int chunkCount() {
        return chunks.count();
    }

    /** OPERATOR and ADMIN act on every session; a DEVICE only on its own; NODE and AUDITOR on none. */
    private void authorize(Principal principal) {
        principal.requireAny(Roles.OPERATOR, Roles.DEVICE).requireOwner(owner);
    }

    private void requireStatus(String action, SessionStatus... allowed) {
        for (SessionStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw illegalTransition(action);
    }

    /** 409 naming the current state, so the client knows where the session stands. */
    private CommandRejectedException illegalTransition(String action) {
        return new CommandRejectedException(409, "illegal_transition",
                "cannot " + action + ": session " + sessionId + " is " + status);
    }

    private static CommandRejectedException limit(String code, String detail) {
        return new CommandRejectedException(422, code, detail);
    }
}
