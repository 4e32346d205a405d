package io.lucid.query.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A frame from a client: {@code auth{token}}, {@code subscribe{channel, since?}}, {@code unsubscribe{channel}},
 * {@code ping}. Unknown fields are ignored so that clients can send newer fields to older servers.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientFrame(String type, String token, String channel, Long since) {

    /** The frame types a client may send. */
    enum Type {
        AUTH, SUBSCRIBE, UNSUBSCRIBE, PING, UNKNOWN;

        static Type of(String type) {
            for (Type candidate : values()) {
                if (candidate != UNKNOWN && candidate.name().equalsIgnoreCase(type)) {
                    return candidate;
                }
            }
            return UNKNOWN;
        }
    }

    Type kind() {
        return Type.of(type);
    }
}
