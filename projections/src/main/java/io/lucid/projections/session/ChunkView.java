package io.lucid.projections.session;

import java.time.Instant;

/**
 * The body of a {@code chunk} row, one per recorded chunk, listed at {@code GET /api/v1/sessions/{id}/chunks}. The
 * row id is {@code chunk_id} ({@code <session_id>:<sequence_number>}) and its parent is the session. {@code owner} is
 * the session's, copied so that a DEVICE reads the chunks of the sessions it owns.
 */
public record ChunkView(
        String chunkId, String sessionId, String owner, long sequenceNumber, long sizeBytes, String ciphertextSha256,
        long durationMs, int frameCount, Instant recordedAt) {

    static String id(String sessionId, long sequenceNumber) {
        return sessionId + ":" + sequenceNumber;
    }
}
