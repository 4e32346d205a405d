package io.lucid.query.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A frame the server sends; every frame has a {@code type}. The frames are listed in docs/live-updates.md. */
public sealed interface ServerFrame
        permits ServerFrame.AuthSuccess, ServerFrame.State, ServerFrame.Resumed, ServerFrame.Error, ServerFrame.Pong {

    String type();

    /**
     * The connection is authenticated as {@code subject} with {@code roles}. After a {@code pair} frame it also
     * carries the new device's id, its token and when that token expires: the device's only copy of it.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AuthSuccess(String type, String subject, List<String> roles,
            @JsonProperty("device_id") String deviceId, String token,
            @JsonProperty("expires_at") String expiresAt) implements ServerFrame {

        public AuthSuccess(String subject, List<String> roles) {
            this("auth_success", subject, roles, null, null, null);
        }

        public static AuthSuccess paired(String subject, List<String> roles, String deviceId, String token,
                String expiresAt) {
            return new AuthSuccess("auth_success", subject, roles, deviceId, token, expiresAt);
        }

        /** What may be logged of this frame: never the token. */
        @Override
        public String toString() {
            return "AuthSuccess[subject=" + subject + ", roles=" + roles + ", deviceId=" + deviceId + "]";
        }
    }

    /**
     * The state of a channel: a {@code snapshot} right after subscribing (marked {@code reset} when it answers a
     * resume that history could not serve), then {@code update}s. {@code version} is the channel version
     * ({@link ChangeHistory}). {@code data} is the row's JSON as stored by the projections, written into the frame
     * verbatim; it is {@code null} while an entity does not exist. {@code text} is the encoded frame when it was
     * encoded once for every subscriber of the channel, null when the queue must encode it; {@code utf8} is that
     * text's bytes, encoded once too, so every subscriber's socket writes the same bytes (null when not encoded).
     * {@code traceparent} is the W3C trace context of the change an update shows (the projection's span in the trace
     * of the request that caused it, docs/tracing.md); null for snapshots and untraced changes.
     */
    record State(String type, String channel, long version, String data, boolean reset, String traceparent,
            String text, byte[] utf8) implements ServerFrame {

        public static final String SNAPSHOT = "snapshot";
        public static final String UPDATE = "update";

        static State snapshot(String channel, long version, String data, boolean reset) {
            return new State(SNAPSHOT, channel, version, data, reset, null, null, null);
        }

        static State update(String channel, long version, String data) {
            return update(channel, version, data, null);
        }

        static State update(String channel, long version, String data, String traceparent) {
            return new State(UPDATE, channel, version, data, false, traceparent, null, null);
        }

        boolean isSnapshot() {
            return SNAPSHOT.equals(type);
        }

        State encodedBy(FrameCodec codec) {
            String encoded = codec.encode(this);
            return new State(type, channel, version, data, reset, traceparent, encoded,
                    encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /**
         * Two pending states under one key collapse into the newest one; a snapshot stays a snapshot (and a reset
         * stays a reset), so a client always sees a snapshot first on a channel.
         */
        State coalesce(State newer) {
            State newest = newer.version >= version ? newer : this;
            if (!isSnapshot() && !newer.isSnapshot()) {
                return newest;
            }
            return new State(SNAPSHOT, channel, newest.version, newest.data, reset || newer.reset, null, null, null);
        }
    }

    /**
     * A subscription with {@code since} is live again: the updates that follow are every change after
     * {@code since} the client has not seen, in order.
     */
    @Serdeable
    record Resumed(String type, String channel, long since) implements ServerFrame {
        public Resumed(String channel, long since) {
            this("resumed", channel, since);
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
