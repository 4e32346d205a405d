package io.lucid.command.pairing;

import java.time.Instant;

/**
 * What {@link CompletePairingCommand} returns after its transaction committed. A wrong token is not an exception:
 * the failed attempt is an event that must commit, and the controller still answers 401.
 */
public sealed interface PairingCompletion {

    /** The device is paired; the controller signs its first token with this id and expiry. */
    record Paired(String deviceId, String name, String platform, Instant pairedAt, String tokenId, Instant tokenExpiresAt)
            implements PairingCompletion {
    }

    /** The token was wrong; the attempt is recorded and, at the last allowed one, the pairing locked. */
    record TokenRejected(int attempt, int remainingAttempts, boolean locked) implements PairingCompletion {
    }
}
