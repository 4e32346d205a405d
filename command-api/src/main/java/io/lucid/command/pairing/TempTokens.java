package io.lucid.command.pairing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Temporary pairing tokens: 32 random bytes as unpadded base64url; only their SHA-256 (hex) is ever kept. */
public final class TempTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TempTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares in time independent of where the hashes differ, so timing reveals nothing about the stored hash. */
    static boolean matches(String token, String expectedSha256Hex) {
        byte[] actual = sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }
}
