package io.lucid.query;

/**
 * The read model could not be queried (database down, schema not migrated yet). REST answers 503, the
 * WebSocket an {@code unavailable} error frame; the cause is logged, never sent.
 */
public final class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
