package io.lucid.projections.session;

import com.google.auto.service.AutoService;
import io.lucid.events.session.ChunkRecorded;
import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingResumed;
import io.lucid.events.session.RecordingSettings;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionAnchored;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionDeleted;
import io.lucid.events.session.SessionFailed;
import io.lucid.events.session.SessionMetadata;
import io.lucid.events.session.SessionProcessed;
import io.lucid.projections.EventMetadata;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModel;
import io.lucid.projections.Rows;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.ChannelSpec;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import io.lucid.schemas.view.Views;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code session} and {@code chunk} views from {@code lucid.session.events}: one row per recording session with
 * its settings, state, chunk totals, seal and anchor, and one row per recorded chunk under its session. Served at
 * {@code /api/v1/sessions} and {@code /api/v1/sessions/{id}/chunks}, live on {@code sessions} and
 * {@code session:<id>}; a DEVICE token reads the sessions it owns and their chunks.
 *
 * <p>All of a session's events share one key of one topic, so they arrive in order; the handlers still never assume
 * the creation was seen (a stub row keeps what came first) and never count a chunk twice.
 */
@AutoService(ReadModel.class)
public final class SessionReadModel implements ReadModel {

    static final String SESSION = Views.SESSION;
    static final String CHUNK = Views.CHUNK;

    static final Set<String> STATES =
            Set.of("CREATED", "RECORDING", "PAUSED", "STOPPED", "PROCESSED", "ANCHORED", "FAILED", "DELETED");

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public List<Topic<String, ? extends SpecificRecord>> sources() {
        return List.of(Topics.SESSION_EVENTS);
    }

    @Override
    public void register(Handlers.Builder handlers) {
        handlers
                .on(SessionCreated.class, SessionReadModel::created)
                .on(RecordingStarted.class, (e, m, rows) -> update(rows, e.getSessionId(), e.getStartedAt(), s -> {
                    s.state = "RECORDING";
                    s.startedAt = e.getStartedAt();
                }))
                .on(RecordingPaused.class, (e, m, rows) ->
                        update(rows, e.getSessionId(), e.getPausedAt(), s -> s.state = "PAUSED"))
                .on(RecordingResumed.class, (e, m, rows) ->
                        update(rows, e.getSessionId(), e.getResumedAt(), s -> s.state = "RECORDING"))
                .on(RecordingStopped.class, (e, m, rows) -> update(rows, e.getSessionId(), e.getStoppedAt(), s -> {
                    s.state = "STOPPED";
                    s.stopReason = e.getReason().name();
                    s.stoppedAt = e.getStoppedAt();
                }))
                .on(ChunkRecorded.class, SessionReadModel::chunk)
                .on(SessionProcessed.class, SessionReadModel::processed)
                .on(SessionAnchored.class, (e, m, rows) -> update(rows, e.getSessionId(), e.getAnchoredAt(), s -> {
                    s.state = "ANCHORED";
                    s.anchor = new SessionView.Anchor(e.getChain(), e.getAnchorTxid(), e.getBlockHeight(),
                            e.getAnchoredAt());
                }))
                .on(SessionFailed.class, (e, m, rows) -> update(rows, e.getSessionId(), e.getFailedAt(), s -> {
                    s.state = "FAILED";
                    s.failureReason = e.getReason();
                    s.failedAt = e.getFailedAt();
                }))
                .on(SessionDeleted.class, (e, m, rows) -> update(rows, e.getSessionId(), e.getDeletedAt(), s -> {
                    s.state = "DELETED";
                    s.deletedAt = e.getDeletedAt();
                }));
    }

    @Override
    public List<ViewDefinition> views() {
        return List.of(
                ViewDefinition.of(SESSION)
                .existsWhen("state")
                        .entity("sessions")
                        .listing(Listing.of("sessions", Sort.descending("created_at", FieldType.TEXT),
                                "Recording sessions, newest first",
                                Filter.oneOf("state", STATES),
                                Filter.text("node_id"),
                                Filter.text("owner"),
                                Filter.text("rdp_server_id")))
                        .access(Access.owner("owner"))
                        .channel(ChannelSpec.all("sessions", "sessions"))
                        .channel(ChannelSpec.entity("session:")),
                ViewDefinition.of(CHUNK)
                        .listing(Listing.children("sessions/{id}/chunks", "session_id",
                                Sort.ascending("sequence_number", FieldType.LONG),
                                "A session's recorded chunks in sequence order").under(SESSION))
                        .access(Access.owner("owner")));
    }

    /** Fills in what the session was created with; a stub's later parts (state, chunk totals) are kept. */
    static void created(SessionCreated event, EventMetadata metadata, Rows rows) {
        update(rows, event.getSessionId(), event.getCreatedAt(), s -> {
            s.name = event.getName();
            s.owner = event.getOwner();
            s.nodeId = event.getNodeId();
            s.rdpServerId = event.getRdpServerId();
            if (s.state == null) {
                s.state = "CREATED";
            }
            s.recording = recording(event.getRecording());
            s.storage = new SessionView.Storage(event.getStorage().getRetentionDays(),
                    event.getStorage().getMaxSizeGb());
            s.metadata = metadata(event.getMetadata());
            s.createdAt = event.getCreatedAt();
        });
    }

    /**
     * Writes the chunk's row and adds it to the session's totals. Sequence numbers are contiguous from 1, so the
     * session's {@code chunk_count} is also its last sequence number: a chunk at or below it was counted already.
     */
    static void chunk(ChunkRecorded event, EventMetadata metadata, Rows rows) {
        String sessionId = event.getSessionId();
        SessionView.Builder session = load(rows, sessionId);
        long sequence = event.getSequenceNumber();
        rows.put(CHUNK, ChunkView.id(sessionId, sequence), sessionId, new ChunkView(ChunkView.id(sessionId, sequence),
                sessionId, session.owner, sequence, event.getSizeBytes(), event.getCiphertextSha256(),
                event.getDurationMs(), event.getFrameCount(), event.getRecordedAt()));
        if (sequence <= session.chunkCount) {
            return;
        }
        session.chunkCount = sequence;
        session.totalSizeBytes = event.getTotalSizeBytes();
        session.durationMs += event.getDurationMs();
        session.frameCount += event.getFrameCount();
        session.updatedAt = latest(session.updatedAt, event.getRecordedAt());
        rows.put(SESSION, sessionId, session.build());
    }

    /** The seal's chunk count and total are authoritative: they are what the manifest hash covers. */
    static void processed(SessionProcessed event, EventMetadata metadata, Rows rows) {
        update(rows, event.getSessionId(), event.getProcessedAt(), s -> {
            s.state = "PROCESSED";
            s.chunkCount = event.getChunkCount();
            s.totalSizeBytes = event.getTotalSize();
            s.merkleRoot = event.getMerkleRoot();
            s.manifestHash = event.getManifestHash();
            s.processedAt = event.getProcessedAt();
        });
    }

    private static void update(Rows rows, String sessionId, Instant at, Consumer<SessionView.Builder> change) {
        SessionView.Builder session = load(rows, sessionId);
        change.accept(session);
        session.updatedAt = latest(session.updatedAt, at);
        rows.put(SESSION, sessionId, session.build());
    }

    /** {@code updated_at} never goes back, even when a stub was written before the creation. */
    private static Instant latest(Instant current, Instant at) {
        return current == null || at.isAfter(current) ? at : current;
    }

    private static SessionView.Builder load(Rows rows, String sessionId) {
        return rows.get(SESSION, sessionId, SessionView.class)
                .map(SessionView::toBuilder)
                .orElseGet(() -> new SessionView.Builder(sessionId));
    }

    private static SessionView.Recording recording(RecordingSettings settings) {
        return new SessionView.Recording(settings.getFrameRate(), settings.getResolution(),
                settings.getQuality().name(), settings.getCompression().name());
    }

    private static SessionView.Metadata metadata(SessionMetadata metadata) {
        return new SessionView.Metadata(List.copyOf(metadata.getTags()), metadata.getDescription(),
                metadata.getPriority().name());
    }
}
