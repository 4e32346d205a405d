package io.lucid.command.poot;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 verification of task proofs (RFC 8032) with Bouncy Castle's implementation, which verified about ten
 * times faster than the JDK's {@code Signature.getInstance("Ed25519")} on this machine (docs/adr/0043): at the
 * target rates the JDK provider alone would need more than both cores. Each node's key is decoded (point
 * decompression and validation) once and kept; keys are immutable, so the cache never needs invalidating.
 */
@Singleton
final class ProofSignatures {

    /** Decoded keys kept at most; past it the cache starts over, which only costs re-decoding. */
    static final int MAX_KEYS = 100_000;

    private final Map<String, Optional<Ed25519.PublicPoint>> keys = new ConcurrentHashMap<>();

    /** Whether {@code base64Signature} is {@code base64Key}'s Ed25519 signature of the UTF-8 {@code text}. */
    boolean verify(String base64Key, String text, String base64Signature) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<Ed25519.PublicPoint> key = key(base64Key);
        if (signature.length != Ed25519.SIGNATURE_SIZE || key.isEmpty()) {
            return false;
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        return Ed25519.verify(signature, 0, key.get(), message, 0, message.length);
    }

    private Optional<Ed25519.PublicPoint> key(String base64Key) {
        if (keys.size() > MAX_KEYS) {
            keys.clear();
        }
        return keys.computeIfAbsent(base64Key, ProofSignatures::decode);
    }

    /** Empty for a key that is not a valid Ed25519 point (registration checks only its length). */
    private static Optional<Ed25519.PublicPoint> decode(String base64Key) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64Key);
            if (raw.length != Ed25519.PUBLIC_KEY_SIZE) {
                return Optional.empty();
            }
            return Optional.ofNullable(Ed25519.validatePublicKeyFullExport(raw, 0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
