package io.lucid.relay;

/** A row the relay cannot publish faithfully; the relay stops rather than skip it. */
public final class RelayException extends RuntimeException {

    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
