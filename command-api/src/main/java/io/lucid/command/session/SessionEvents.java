package io.lucid.command.session;

import io.lucid.command.validation.Resolution;
import io.lucid.command.validation.Uuids;
import io.lucid.events.session.Compression;
import io.lucid.events.session.RecordingQuality;
import io.lucid.events.session.RecordingSettings;
import io.lucid.events.session.SessionCreated;
import io.lucid.events.session.SessionMetadata;
import io.lucid.events.session.SessionPriority;
import io.lucid.events.session.StorageSettings;
import java.time.Instant;
import java.util.List;

/** Builds SessionCreated from a validated request, filling in the defaults of DOMAIN.md section 2. */
final class SessionEvents {

    static final int DEFAULT_FRAME_RATE = 30;
    static final String DEFAULT_QUALITY = "high";
    static final String DEFAULT_COMPRESSION = "zstd";
    static final int DEFAULT_RETENTION_DAYS = 30;
    static final int DEFAULT_MAX_SIZE_GB = 10;
    static final String DEFAULT_PRIORITY = "normal";

    private SessionEvents() {
    }

    static SessionCreated created(CreateSessionCommand command, String owner, Instant now) {
        CreateSessionRequest request = command.request();
        return SessionCreated.newBuilder()
                .setSessionId(command.sessionId())
                .setName(request.name())
                .setOwner(owner)
                .setNodeId(request.nodeId())
                .setRdpServerId(request.rdpServerId() == null ? null : Uuids.canonical(request.rdpServerId()))
                .setRecording(recording(request.recording()))
                .setStorage(storage(request.storage()))
                .setMetadata(metadata(request.metadata()))
                .setCreatedAt(now)
                .build();
    }

    private static RecordingSettings recording(CreateSessionRequest.Recording given) {
        CreateSessionRequest.Recording r = given == null ? new CreateSessionRequest.Recording(null, null, null, null) : given;
        return RecordingSettings.newBuilder()
                .setFrameRate(or(r.frameRate(), DEFAULT_FRAME_RATE))
                .setResolution(or(r.resolution(), Resolution.DEFAULT))
                .setQuality(RecordingQuality.valueOf(or(r.quality(), DEFAULT_QUALITY)))
                .setCompression(Compression.valueOf(or(r.compression(), DEFAULT_COMPRESSION)))
                .build();
    }

    private static StorageSettings storage(CreateSessionRequest.Storage given) {
        CreateSessionRequest.Storage s = given == null ? new CreateSessionRequest.Storage(null, null) : given;
        return StorageSettings.newBuilder()
                .setRetentionDays(or(s.retentionDays(), DEFAULT_RETENTION_DAYS))
                .setMaxSizeGb(or(s.maxSizeGb(), DEFAULT_MAX_SIZE_GB))
                .build();
    }

    private static SessionMetadata metadata(CreateSessionRequest.Metadata given) {
        CreateSessionRequest.Metadata m = given == null ? new CreateSessionRequest.Metadata(null, null, null) : given;
        return SessionMetadata.newBuilder()
                .setTags(m.tags() == null ? List.of() : List.copyOf(m.tags()))
                .setDescription(m.description())
                .setPriority(SessionPriority.valueOf(or(m.priority(), DEFAULT_PRIORITY)))
                .build();
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
