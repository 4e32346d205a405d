package io.lucid.query.live;

/**
 * Completes a pairing on the command side for a {@code pair} frame: the device proves the temporary token and
 * receives its own. The live protocol only relays; every rule (attempts, expiry, locks) is the command side's.
 */
public interface PairingCompleter {

    Outcome complete(String pairingId, String tempToken, ClientFrame.DeviceInfo deviceInfo);

    /** What the command side answered. */
    sealed interface Outcome {
    }

    /** The device exists and holds {@code accessToken} until {@code expiresAt}. */
    record Paired(String deviceId, String accessToken, String expiresAt) implements Outcome {
        @Override
        public String toString() {
            return "Paired[deviceId=" + deviceId + "]";
        }
    }

    /** The command side refused, with its problem's stable code and detail. */
    record Refused(int status, String code, String detail) implements Outcome {
    }

    /** The command side could not be reached or failed. */
    record Unavailable(String reason) implements Outcome {
    }
}
