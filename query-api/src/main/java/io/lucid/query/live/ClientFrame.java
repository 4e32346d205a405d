package io.lucid.query.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A frame from a client: {@code auth{token}}, {@code pair{pairing_id, temp_token, device_info}},
 * {@code subscribe{channel, since?}}, {@code unsubscribe{channel}}, {@code ping}. Unknown fields are ignored so
 * that clients can send newer fields to older servers.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientFrame(String type, String token, String channel, Long since,
        @JsonProperty("pairing_id") String pairingId,
        @JsonProperty("temp_token") String tempToken,
        @JsonProperty("device_info") DeviceInfo deviceInfo) {

    /** The device a {@code pair} frame names, passed on to the command side as given. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceInfo(String name, String platform) {
    }

    /** The frame types a client may send. */
    enum Type {
        AUTH, PAIR, SUBSCRIBE, UNSUBSCRIBE, PING, UNKNOWN;

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

    /** Never the secrets of an auth or pair frame. */
    @Override
    public String toString() {
        return "ClientFrame[type=" + type + ", channel=" + channel + ", since=" + since + "]";
    }
}
