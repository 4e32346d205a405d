package io.lucid.command.session;

/**
 * What RecordChunk answers: the chunk's sequence number, the session's total size after it, and whether the
 * chunk was already recorded with the same hash (an idempotent retry that stored nothing).
 */
public record ChunkReceipt(long sequenceNumber, long totalSizeBytes, boolean duplicate) {
}
