package io.lucid.registry.store;

/** The registry's log failed: a write was not acknowledged, or the log could not be read. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
