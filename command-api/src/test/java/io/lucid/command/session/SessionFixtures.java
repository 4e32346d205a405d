package io.lucid.command.session;

import io.lucid.command.security.Principal;
import io.lucid.events.session.ChunkRecorded;
import io.lucid.events.session.Compression;
import io.lucid.events.session.RecordingPaused;
import io.lucid.events.session.RecordingQuality;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;

/** Events, commands and callers that the session tests build on. */
final class SessionFixtures {

    static final Instant CREATED_AT = Instant.parse("2026-11-21T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    static final String ID = "6f1c1c5e-8a0e-4b55-9a43-0d3c2f4b7e21";
    static final String NODE = "node_alpha_01";
    static final String OPERATOR = "operator-1";
    static final String DEVICE = "3b9e7c1a-0c4d-4f7e-9a55-0f6a1b2c3d4e";
    static final long MIB = 1024L * 1024;

    /** SHA-256 of the UTF-8 strings "chunk-1" .. "chunk-5" (as `printf chunk-1 | sha256sum` prints them). */
    static final List<String> LEAVES = List.of(
            "2725aea2d2dea736fbe38e41ecb518f6098cb68ac77362c5e34faafb356567c5",
            "b6f3c15844fe12f966ad90db59da8332a9a6d9dfd198ac83949be2045ec6dc1e",
            "dfd3744075c1ae74c2350ff6344acbcc7de7b5559dda9f144cfb4cabd6a1e1dd",
            "fd5c781760392e94ca75b8328180658e391f92b7b8c97cd17af44dc2bf5cde99",
            "c1f90d72343157855865d9174b19315cea37ad4dbfc823d0d39429138192edc0");

    private SessionFixtures() {
    }

    static Map<String, Object> as(Principal principal) {
        Map<String, Object> meta = new HashMap<>(principal.metaData());
        meta.put("actor", principal.subject());
        meta.put("correlation_id", "test-correlation");
        return meta;
    }

    static Map<String, Object> operator() {
        return as(new Principal(OPERATOR, Set.of("OPERATOR"), null));
    }

    static Map<String, Object> device(String deviceId) {
        return as(new Principal(deviceId, Set.of("DEVICE"), null));
    }

    static Map<String, Object> role(String role) {
        return as(new Principal("someone-" + role.toLowerCase(), Set.of(role), "NODE".equals(role) ? NODE : null));
    }

    static MetaData system() {
        return Principal.system("test").metaData();
    }

    static CreateSessionRequest minimal(String name) {
        return new CreateSessionRequest(name, null, null, null, null, null);
    }

    static SessionCreated created(String owner, String nodeId, int maxSizeGb) {
        return SessionCreated.newBuilder()
                .setSessionId(ID).setName("demo").setOwner(owner).setNodeId(nodeId).setRdpServerId(null)
                .setRecording(RecordingSettings.newBuilder().setFrameRate(30).setResolution("1920x1080")
                        .setQuality(RecordingQuality.high).setCompression(Compression.zstd).build())
                .setStorage(StorageSettings.newBuilder().setRetentionDays(30).setMaxSizeGb(maxSizeGb).build())
                .setMetadata(SessionMetadata.newBuilder().setTags(List.of()).setDescription(null)
                        .setPriority(SessionPriority.normal).build())
                .setCreatedAt(CREATED_AT)
                .build();
    }

    static SessionCreated created() {
        return created(OPERATOR, NODE, 10);
    }

    static RecordingStarted started() {
        return new RecordingStarted(ID, CREATED_AT.plusSeconds(1));
    }

    static RecordingPaused paused() {
        return new RecordingPaused(ID, CREATED_AT.plusSeconds(2));
    }

    static RecordingStopped stopped() {
        return new RecordingStopped(ID, StopReason.requested, CREATED_AT.plusSeconds(3));
    }

    /** Chunk {@code n} (1-based) of the worked example: 1 KiB each, hash {@code LEAVES[n-1]}. */
    static ChunkRecorded chunk(int n) {
        return new ChunkRecorded(ID, (long) n, 1024L, LEAVES.get(n - 1), 1000L, 30, 1024L * n, CREATED_AT.plusSeconds(2));
    }

    static RecordChunkRequest chunkRequest(long sequence, String hash, long size) {
        return new RecordChunkRequest(sequence, size, hash, 1000L, 30);
    }

    static SessionProcessed processed() {
        return new SessionProcessed(ID, "root", 1L, 1024L, "manifest", CREATED_AT.plusSeconds(4));
    }

    /** The events that bring a session into {@code status}, with one chunk where the state needs one. */
    static List<Object> history(SessionStatus status) {
        List<Object> events = new ArrayList<>(List.of(created()));
        switch (status) {
            case CREATED -> { }
            case RECORDING -> events.add(started());
            case PAUSED -> events.addAll(List.of(started(), paused()));
            case STOPPED -> events.addAll(List.of(started(), chunk(1), stopped()));
            case PROCESSED -> events.addAll(List.of(started(), chunk(1), stopped(), processed()));
            case ANCHORED -> events.addAll(List.of(started(), chunk(1), stopped(), processed(),
                    new SessionAnchored(ID, "tron", "tx", null, CREATED_AT.plusSeconds(5))));
            case FAILED -> events.add(new SessionFailed(ID, "broken", CREATED_AT.plusSeconds(5)));
            case DELETED -> events.add(new SessionDeleted(ID, CREATED_AT.plusSeconds(5)));
        }
        return events;
    }
}
