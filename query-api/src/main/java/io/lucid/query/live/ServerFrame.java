package io.lucid.query.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A frame the server sends; every frame has a {@code type}. */
public sealed interface ServerFrame
        permits ServerFrame.AuthSuccess, ServerFrame.State, ServerFrame.Error, ServerFrame.Pong {

    String type();

    /** The connection is authenticated as {@code subject} with {@code roles}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuthSuccess(String type, String subject, List<String> roles) implements ServerFrame {
        public AuthSuccess(String subject, List<String> roles) {
            this("auth_success", subject, roles);
        }
    }

    /**
     * The state of a channel: a {@code snapshot} right after subscribing, then {@code update}s. {@code data} is the
     * row's JSON as stored by the projections, written into the frame verbatim ({@link FrameCodec}); it is
     * {@code null} (and {@code version} 0) while the entity does not exist.
     */
    record State(String type, String channel, long version, String data) implements ServerFrame {

        public static final String SNAPSHOT = "snapshot";
        public static final String UPDATE = "update";

        static State snapshot(String channel, long version, String data) {
            return new State(SNAPSHOT, channel, version, data);
        }

        static State update(String channel, long version, String data) {
            return new State(UPDATE, channel, version, data);
        }

        boolean isSnapshot() {
            return SNAPSHOT.equals(type);
        }

        /**
         * Two pending states of the same entity collapse into the newest one; a snapshot stays a snapshot, so a
         * client always sees a snapshot first on a channel.
         */
        State coalesce(State newer) {
            State newest = newer.version >= version ? newer : this;
            String mergedType = isSnapshot() || newer.isSnapshot() ? SNAPSHOT : UPDATE;
            return new State(mergedType, channel, newest.version, newest.data);
        }
    }

    /** Something the client sent was refused; {@code channel} is set when the error concerns one. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String message, String channel) implements ServerFrame {
        public Error(String code, String message, String channel) {
            this("error", code, message, channel);
        }
    }

    /** The answer to {@code ping}. */
    @Serdeable
    record Pong(String type) implements ServerFrame {
        public Pong() {
            this("pong");
        }
    }
}
