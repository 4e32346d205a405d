package io.lucid.query.live;

import io.lucid.kit.json.StrictJsonSyntax;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** JSON text of the WebSocket frames, both ways. */
public final class FrameCodec {

    private final JsonMapper json;

    public FrameCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * Reads a client frame with the same strict syntax as the REST bodies: trailing content or a key given twice
     * would otherwise be read as something the client may not have meant.
     *
     * @throws BadFrameException when the text is not one JSON object with a {@code type}
     */
    public ClientFrame decode(String text) {
        Optional<String> violation = StrictJsonSyntax.violation(text.getBytes(StandardCharsets.UTF_8));
        if (violation.isPresent()) {
            throw new BadFrameException(violation.get());
        }
        ClientFrame frame;
        try {
            frame = json.readValue(text, ClientFrame.class);
        } catch (IOException | RuntimeException e) {
            throw new BadFrameException("not a frame object with fields of the right types");
        }
        if (frame == null || frame.type() == null || frame.type().isBlank()) {
            throw new BadFrameException("a frame needs a \"type\"");
        }
        return frame;
    }

    public String encode(ServerFrame frame) {
        try {
            if (frame instanceof ServerFrame.State state) {
                if (state.text() != null) {
                    return state.text();
                }
                // The data is already JSON (the stored row): splice it in rather than parse and re-encode it.
                return "{\"type\":" + json.writeValueAsString(state.type()) + ",\"channel\":"
                        + json.writeValueAsString(state.channel()) + ",\"version\":" + state.version()
                        + (state.reset() ? ",\"reset\":true" : "")
                        + (state.traceparent() == null ? "" : ",\"traceparent\":"
                                + json.writeValueAsString(state.traceparent()))
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
