package io.lucid.query.live;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text of the WebSocket frames, both ways. */
public final class FrameCodec {

    private final JsonMapper json;

    public FrameCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * @throws BadFrameException when the text is not a JSON object with a {@code type}
     */
    public ClientFrame decode(String text) {
        ClientFrame frame;
        try {
            frame = json.readValue(text, ClientFrame.class);
        } catch (IOException | RuntimeException e) {
            throw new BadFrameException("not a JSON frame object");
        }
        if (frame == null || frame.type() == null || frame.type().isBlank()) {
            throw new BadFrameException("a frame needs a \"type\"");
        }
        return frame;
    }

    public String encode(ServerFrame frame) {
        try {
            if (frame instanceof ServerFrame.State state) {
                // The data is already JSON (the stored row): splice it in rather than parse and re-encode it.
                return "{\"type\":" + json.writeValueAsString(state.type()) + ",\"channel\":"
                        + json.writeValueAsString(state.channel()) + ",\"version\":" + state.version()
                        + ",\"data\":" + (state.data() == null ? "null" : state.data()) + "}";
            }
            return json.writeValueAsString(frame);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + frame.type() + " frame", e);
        }
    }

    /** A client frame that cannot be read; answered with a {@code bad_frame} error, the connection stays. */
    public static final class BadFrameException extends RuntimeException {
        public BadFrameException(String message) {
            super(message, null, false, false);
        }
    }
}
