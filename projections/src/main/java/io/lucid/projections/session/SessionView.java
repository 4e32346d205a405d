package io.lucid.projections.session;

import java.time.Instant;
import java.util.List;

/**
 * The body of a {@code session} row, as {@code GET /api/v1/sessions/{id}} serves it: what the session was created
 * with, where it stands in its lifecycle, what its chunks add up to, its seal and its anchor. A DELETED session keeps
 * its row (state {@code DELETED}): its id stays taken and its seal stays verifiable.
 *
 * <p>{@code chunk_count}, {@code total_size_bytes}, {@code duration_ms} and {@code frame_count} add up the chunks
 * recorded so far; once the session is processed, {@code chunk_count} and {@code total_size_bytes} are the seal's.
 */
public record SessionView(
        String sessionId, String name, String owner, String nodeId, String rdpServerId, String state,
        Recording recording, Storage storage, Metadata metadata,
        long chunkCount, long totalSizeBytes, long durationMs, long frameCount,
        String merkleRoot, String manifestHash, Anchor anchor, String stopReason, String failureReason,
        Instant createdAt, Instant startedAt, Instant stoppedAt, Instant processedAt, Instant failedAt,
        Instant deletedAt, Instant updatedAt) {

    /** How the session is recorded; {@code quality} and {@code compression} are the wire enums' names. */
    public record Recording(int frameRate, String resolution, String quality, String compression) {
    }

    /** How long and how much the session may store ({@code max_size_gb} in decimal gigabytes). */
    public record Storage(int retentionDays, int maxSizeGb) {
    }

    public record Metadata(List<String> tags, String description, String priority) {
    }

    /** Where the manifest was anchored; {@code block_height} is null when it was not given. */
    public record Anchor(String chain, String txid, Long blockHeight, Instant anchoredAt) {
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A changed copy of a row. Handlers change a few fields of a body with many, and a copy constructor per change
     * would repeat every component each time.
     */
    static final class Builder {
        String sessionId;
        String name;
        String owner;
        String nodeId;
        String rdpServerId;
        String state;
        Recording recording;
        Storage storage;
        Metadata metadata;
        long chunkCount;
        long totalSizeBytes;
        long durationMs;
        long frameCount;
        String merkleRoot;
        String manifestHash;
        Anchor anchor;
        String stopReason;
        String failureReason;
        Instant createdAt;
        Instant startedAt;
        Instant stoppedAt;
        Instant processedAt;
        Instant failedAt;
        Instant deletedAt;
        Instant updatedAt;

        /** A session known only by its id so far. */
        Builder(String sessionId) {
            this.sessionId = sessionId;
        }

        private Builder(SessionView v) {
            sessionId = v.sessionId;
            name = v.name;
            owner = v.owner;
            nodeId = v.nodeId;
            rdpServerId = v.rdpServerId;
            state = v.state;
            recording = v.recording;
            storage = v.storage;
            metadata = v.metadata;
            chunkCount = v.chunkCount;
            totalSizeBytes = v.totalSizeBytes;
            durationMs = v.durationMs;
            frameCount = v.frameCount;
            merkleRoot = v.merkleRoot;
            manifestHash = v.manifestHash;
            anchor = v.anchor;
            stopReason = v.stopReason;
            failureReason = v.failureReason;
            createdAt = v.createdAt;
            startedAt = v.startedAt;
            stoppedAt = v.stoppedAt;
            processedAt = v.processedAt;
            failedAt = v.failedAt;
            deletedAt = v.deletedAt;
            updatedAt = v.updatedAt;
        }

        SessionView build() {
            return new SessionView(sessionId, name, owner, nodeId, rdpServerId, state, recording, storage, metadata,
                    chunkCount, totalSizeBytes, durationMs, frameCount, merkleRoot, manifestHash, anchor, stopReason,
                    failureReason, createdAt, startedAt, stoppedAt, processedAt, failedAt, deletedAt, updatedAt);
        }
    }
}
