package io.lucid.query.live;

import java.util.concurrent.CompletionStage;

/** The transport under a connection: one WebSocket session. */
public interface FrameSink {

    /** Sends a text frame; the stage completes when it is written (or failed). */
    CompletionStage<?> send(String text);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
