package io.lucid.query.live;

import java.util.concurrent.CompletionStage;

/** The transport under a connection: one WebSocket session. */
public interface FrameSink {

    /** Sends a text frame; the stage completes when it is written (or failed). */
    CompletionStage<?> send(String text);

    /**
     * Sends a text frame whose UTF-8 bytes were encoded once for many connections; {@code utf8} is never modified,
     * so a transport may write it as is instead of encoding {@code text} again.
     */
    default CompletionStage<?> send(String text, byte[] utf8) {
        return send(text);
    }

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** Sends a WebSocket ping control frame (the server's heartbeat); the client's pong counts as a sign of life. */
    default void ping() {
    }
}
