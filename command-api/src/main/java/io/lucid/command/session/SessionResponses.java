package io.lucid.command.session;

import io.lucid.events.session.SessionProcessed;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** What clients learn when a session command is stored (JSON, snake_case). */
public final class SessionResponses {

    private SessionResponses() {
    }

    /** The session's state after the command. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Accepted(String sessionId, String status, String correlationId) {
    }

    /** A chunk accepted; {@code duplicate} when it had been recorded before with the same hash (nothing stored). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ChunkAccepted(String sessionId, long sequenceNumber, long totalSizeBytes, boolean duplicate, String correlationId) {
    }

    /** The seal of a processed session. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Processed(String sessionId, String status, String merkleRoot, long chunkCount, long totalSize, String manifestHash,
            String correlationId) {

        public static Processed of(SessionProcessed event, String correlationId) {
            return new Processed(event.getSessionId(), SessionStatus.PROCESSED.name(), event.getMerkleRoot(), event.getChunkCount(),
                    event.getTotalSize(), event.getManifestHash(), correlationId);
        }
    }
}
