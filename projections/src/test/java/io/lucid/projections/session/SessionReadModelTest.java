package io.lucid.projections.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.events.session.ChunkRecorded;
import io.lucid.events.session.Compression;
import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingQuality;
import io.lucid.events.session.RecordingResumed;
import io.lucid.events.session.RecordingSettings;
import io.lucid.events.session.RecordingStarted;
import io.lucid.events.session.RecordingStopped;
import io.lucid.events.session.SessionAnchored;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionDeleted;
import io.lucid.events.session.SessionFailed;
import io.lucid.events.session.SessionMetadata;
import io.lucid.events.session.SessionPriority;
import io.lucid.events.session.SessionProcessed;
import io.lucid.events.session.StopReason;
import io.lucid.events.session.StorageSettings;
import io.lucid.projections.Handlers;
import io.lucid.projections.ReadModelFixture;
import io.lucid.projections.ReadModels;
import io.lucid.projections.RowBuffer;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SessionReadModelTest {

    private static final String SESSION = "6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21";
    private static final String DEVICE = "dev-3f2a";
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00.000Z");
    private static final String HASH_1 = "a".repeat(64);
    private static final String HASH_2 = "b".repeat(64);

    private final ReadModelFixture fixture = new ReadModelFixture(new SessionReadModel());
    private long sequence;

    @Test
    void aCreationStoresTheSettingsInStateCreatedWithoutChunks() {
        apply(created());

        SessionView session = session();
        assertThat(session.state()).isEqualTo("CREATED");
        assertThat(session.owner()).isEqualTo(DEVICE);
        assertThat(session.nodeId()).isEqualTo("node_alpha_01");
        assertThat(session.rdpServerId()).isEqualTo("0b6f3a52-1c1e-4c6e-9d1e-5a9d1f1e2c3b");
        assertThat(session.recording()).isEqualTo(new SessionView.Recording(30, "1920x1080", "high", "zstd"));
        assertThat(session.storage()).isEqualTo(new SessionView.Storage(30, 10));
        assertThat(session.metadata()).isEqualTo(new SessionView.Metadata(List.of("demo"), "a test", "normal"));
        assertThat(session.chunkCount()).isZero();
        assertThat(session.createdAt()).isEqualTo(T0);
        assertThat(session.updatedAt()).isEqualTo(T0);
        assertThat(fixture.json(SessionReadModel.SESSION, SESSION))
                .contains("\"session_id\":\"" + SESSION + "\"", "\"created_at\":\"2026-11-21T08:00:00.000Z\"",
                        "\"max_size_gb\":10", "\"anchor\":null");
    }

    @Test
    void recordingMovesThroughRecordingPausedAndStoppedWithItsTimesAndReason() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0.plusSeconds(1)));
        assertThat(session().state()).isEqualTo("RECORDING");
        apply(new RecordingPaused(SESSION, T0.plusSeconds(2)));
        assertThat(session().state()).isEqualTo("PAUSED");
        apply(new RecordingResumed(SESSION, T0.plusSeconds(3)));
        assertThat(session().state()).isEqualTo("RECORDING");
        apply(new RecordingStopped(SESSION, StopReason.max_duration, T0.plusSeconds(4)));

        SessionView session = session();
        assertThat(session.state()).isEqualTo("STOPPED");
        assertThat(session.stopReason()).isEqualTo("max_duration");
        assertThat(session.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(session.stoppedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(fixture.version(SessionReadModel.SESSION, SESSION)).isEqualTo(5);
    }

    @Test
    void eachChunkGetsARowUnderItsSessionWithTheSessionsOwnerAndAddsToTheTotals() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0));
        apply(chunk(1, 1000, HASH_1, 1000));
        apply(chunk(2, 500, HASH_2, 1500));

        ChunkView chunk = fixture.row(SessionReadModel.CHUNK, SESSION + ":2", ChunkView.class).orElseThrow();
        assertThat(chunk).isEqualTo(new ChunkView(SESSION + ":2", SESSION, DEVICE, 2, 500, HASH_2, 2000, 60,
                T0.plusSeconds(2)));
        assertThat(parent(SESSION + ":1")).isEqualTo(SESSION);
        assertThat(parent(SESSION + ":2")).isEqualTo(SESSION);
        SessionView session = session();
        assertThat(session.chunkCount()).isEqualTo(2);
        assertThat(session.totalSizeBytes()).isEqualTo(1500);
        assertThat(session.durationMs()).isEqualTo(3500);
        assertThat(session.frameCount()).isEqualTo(120);
        assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aChunkDeliveredAgainUnderAnotherEventIdIsNotCountedTwice() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0));
        apply(chunk(1, 1000, HASH_1, 1000));
        long sessionVersion = fixture.version(SessionReadModel.SESSION, SESSION);

        apply(chunk(1, 1000, HASH_1, 1000));

        assertThat(session().chunkCount()).isEqualTo(1);
        assertThat(session().durationMs()).isEqualTo(1500);
        assertThat(fixture.version(SessionReadModel.SESSION, SESSION)).isEqualTo(sessionVersion);
        assertThat(fixture.version(SessionReadModel.CHUNK, SESSION + ":1")).isEqualTo(1);
    }

    @Test
    void processingStoresTheSealAndItsCountsAndAnchoringTheAnchor() {
        recordTwoChunksAndStop();
        apply(new SessionProcessed(SESSION, "c".repeat(64), 2L, 1500L, "d".repeat(64), T0.plusSeconds(10)));

        SessionView processed = session();
        assertThat(processed.state()).isEqualTo("PROCESSED");
        assertThat(processed.merkleRoot()).isEqualTo("c".repeat(64));
        assertThat(processed.manifestHash()).isEqualTo("d".repeat(64));
        assertThat(processed.chunkCount()).isEqualTo(2);
        assertThat(processed.totalSizeBytes()).isEqualTo(1500);
        assertThat(processed.processedAt()).isEqualTo(T0.plusSeconds(10));

        apply(new SessionAnchored(SESSION, "tron", "tx-1", 4711L, T0.plusSeconds(11)));

        assertThat(session().state()).isEqualTo("ANCHORED");
        assertThat(session().anchor()).isEqualTo(new SessionView.Anchor("tron", "tx-1", 4711L, T0.plusSeconds(11)));
        assertThat(fixture.json(SessionReadModel.SESSION, SESSION))
                .contains("\"anchor\":{\"chain\":\"tron\",\"txid\":\"tx-1\",\"block_height\":4711,"
                        + "\"anchored_at\":\"2026-11-21T08:00:11.000Z\"}");
    }

    @Test
    void anAnchorWithoutBlockHeightStoresNull() {
        recordTwoChunksAndStop();
        apply(new SessionProcessed(SESSION, "c".repeat(64), 2L, 1500L, "d".repeat(64), T0.plusSeconds(10)));
        apply(new SessionAnchored(SESSION, "tron", "tx-1", null, T0.plusSeconds(11)));

        assertThat(session().anchor().blockHeight()).isNull();
    }

    @Test
    void aFailureStoresItsReason() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0));
        apply(new SessionFailed(SESSION, "encoder crashed", T0.plusSeconds(5)));

        assertThat(session().state()).isEqualTo("FAILED");
        assertThat(session().failureReason()).isEqualTo("encoder crashed");
        assertThat(session().failedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aDeletedSessionKeepsItsRowAndChunksInStateDeleted() {
        recordTwoChunksAndStop();
        apply(new SessionDeleted(SESSION, T0.plusSeconds(20)));

        SessionView session = session();
        assertThat(session.state()).isEqualTo("DELETED");
        assertThat(session.deletedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(session.name()).isEqualTo("Quarterly review");
        assertThat(fixture.row(SessionReadModel.CHUNK, SESSION + ":1", ChunkView.class)).isPresent();
    }

    @Test
    void anEventRepeatedChangesNeitherBodyNorVersion() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0.plusSeconds(1)));
        String before = fixture.json(SessionReadModel.SESSION, SESSION);
        long version = fixture.version(SessionReadModel.SESSION, SESSION);

        apply(new RecordingStarted(SESSION, T0.plusSeconds(1)));

        assertThat(fixture.json(SessionReadModel.SESSION, SESSION)).isEqualTo(before);
        assertThat(fixture.version(SessionReadModel.SESSION, SESSION)).isEqualTo(version);
    }

    @Test
    void eventsReadBeforeTheCreationAreKeptByIt() {
        apply(new RecordingStarted(SESSION, T0.plusSeconds(1)));
        apply(created());

        SessionView session = session();
        assertThat(session.state()).isEqualTo("RECORDING");
        assertThat(session.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(session.owner()).isEqualTo(DEVICE);
        assertThat(session.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void bodiesHoldExactlyTheDocumentedFieldsAndNoSecret() {
        recordTwoChunksAndStop();
        apply(new SessionProcessed(SESSION, "c".repeat(64), 2L, 1500L, "d".repeat(64), T0.plusSeconds(10)));
        apply(new SessionAnchored(SESSION, "tron", "tx-1", 4711L, T0.plusSeconds(11)));

        assertThat(fieldNames(body(SessionReadModel.SESSION, SESSION))).containsExactlyInAnyOrder(
                "session_id", "name", "owner", "node_id", "rdp_server_id", "state", "recording", "storage",
                "metadata", "chunk_count", "total_size_bytes", "duration_ms", "frame_count", "merkle_root",
                "manifest_hash", "anchor", "stop_reason", "failure_reason", "created_at", "started_at",
                "stopped_at", "processed_at", "failed_at", "deleted_at", "updated_at");
        assertThat(fieldNames(body(SessionReadModel.CHUNK, SESSION + ":1"))).containsExactlyInAnyOrder(
                "chunk_id", "session_id", "owner", "sequence_number", "size_bytes", "ciphertext_sha256",
                "duration_ms", "frame_count", "recorded_at");
        for (RowBuffer.Row row : fixture.rows().all().values()) {
            assertThat(allFieldNames(row.body())).noneMatch(name -> name.contains("token")
                    || name.contains("secret") || name.contains("password"));
        }
    }

    @Test
    void theReadModelIsFoundThroughTheServiceLoader() {
        assertThat(ReadModels.named(List.of("sessions"))).singleElement().isInstanceOf(SessionReadModel.class);
    }

    @Test
    void everyEventTypeOnTheTopicIsHandled() {
        Handlers handlers = Handlers.of(new SessionReadModel());
        for (Class<? extends SpecificRecord> type : Topics.SESSION_EVENTS.records()) {
            assertThat(handlers.handles(type)).as(type.getSimpleName()).isTrue();
        }
    }

    @Test
    void sessionsAreServedToTheirOwnerAndChunksListedUnderTheirSessionBySequence() {
        List<ViewDefinition> views = new SessionReadModel().views();

        ViewDefinition sessions = views.get(0);
        assertThat(sessions.entityPath()).isEqualTo("sessions");
        assertThat(sessions.access().ownerField()).isEqualTo("owner");
        assertThat(sessions.listings().get(0).filters()).extracting(f -> f.param())
                .containsExactlyInAnyOrder("state", "node_id", "owner", "rdp_server_id");
        assertThat(sessions.channels()).extracting(c -> c.name()).containsExactly("sessions", "session:");
        ViewDefinition chunks = views.get(1);
        assertThat(chunks.listings().get(0).path()).isEqualTo("sessions/{id}/chunks");
        assertThat(chunks.listings().get(0).parentField()).isEqualTo("session_id");
        assertThat(chunks.listings().get(0).sort().field()).isEqualTo("sequence_number");
        assertThat(chunks.access().ownerField()).isEqualTo("owner");
    }

    private void recordTwoChunksAndStop() {
        apply(created());
        apply(new RecordingStarted(SESSION, T0));
        apply(chunk(1, 1000, HASH_1, 1000));
        apply(chunk(2, 500, HASH_2, 1500));
        apply(new RecordingStopped(SESSION, StopReason.requested, T0.plusSeconds(5)));
    }

    private void apply(SpecificRecord event) {
        fixture.apply(event, SESSION, sequence++, T0);
    }

    private SessionView session() {
        return fixture.row(SessionReadModel.SESSION, SESSION, SessionView.class).orElseThrow();
    }

    private String parent(String chunkId) {
        return fixture.rows().all().values().stream()
                .filter(row -> row.key().view().equals(SessionReadModel.CHUNK) && row.key().id().equals(chunkId))
                .findFirst().orElseThrow().parent();
    }

    private JsonNode body(String view, String id) {
        return fixture.rows().all().values().stream()
                .filter(row -> row.key().view().equals(view) && row.key().id().equals(id))
                .findFirst().orElseThrow().body();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> allFieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            names.add(field.getKey());
            names.addAll(allFieldNames(field.getValue()));
        });
        node.elements().forEachRemaining(element -> names.addAll(allFieldNames(element)));
        return names;
    }

    private static SessionCreated created() {
        return SessionCreated.newBuilder()
                .setSessionId(SESSION)
                .setName("Quarterly review")
                .setOwner(DEVICE)
                .setNodeId("node_alpha_01")
                .setRdpServerId("0b6f3a52-1c1e-4c6e-9d1e-5a9d1f1e2c3b")
                .setRecording(new RecordingSettings(30, "1920x1080", RecordingQuality.high, Compression.zstd))
                .setStorage(new StorageSettings(30, 10))
                .setMetadata(new SessionMetadata(List.of("demo"), "a test", SessionPriority.normal))
                .setCreatedAt(T0)
                .build();
    }

    private static ChunkRecorded chunk(long sequenceNumber, long size, String hash, long total) {
        return new ChunkRecorded(SESSION, sequenceNumber, size, hash, sequenceNumber == 1 ? 1500L : 2000L, 60, total,
                T0.plusSeconds(sequenceNumber));
    }
}
