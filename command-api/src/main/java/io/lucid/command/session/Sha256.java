package io.lucid.command.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform must provide. */
final class Sha256 {

    private Sha256() {
    }

    static byte[] digest(byte[]... parts) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        for (byte[] part : parts) {
            sha256.update(part);
        }
        return sha256.digest();
    }
}
