package io.lucid.devstack.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A simulated node: its id, hardware (which decides its tier and so its pool) and an Ed25519 key of the JDK's
 * provider, whose raw 32-byte public key is registered and whose signatures prove its task proofs.
 */
final class DemoNode {

    /** The hardware of a tier (DOMAIN.md section 6): cores, memory GiB, storage GiB. */
    enum Tier {
        HIGH_PERFORMANCE(8, 16, 512), STANDARD(2, 4, 64), BASIC(1, 2, 24);

        final int cores;
        final long memoryGib;
        final long storageGib;

        Tier(int cores, long memoryGib, long storageGib) {
            this.cores = cores;
            this.memoryGib = memoryGib;
            this.storageGib = storageGib;
        }
    }

    /** A TRON address with a valid checksum (the one of the README's walk-through). */
    static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";

    final String id;
    final Tier tier;
    final int strength; // scales its proofs' values, so that the leaderboard has a shape
    private final PrivateKey privateKey;
    private final String publicKey;
    String token;

    DemoNode(String id, Tier tier, int strength) {
        this.id = id;
        this.tier = tier;
        this.strength = strength;
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            this.privateKey = pair.getPrivate();
            byte[] encoded = pair.getPublic().getEncoded(); // X.509: a 12-byte prefix, then the 32 raw bytes
            this.publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    String registration() {
        return """
                {"node_id":"%s","name":"%s","node_type":"worker","hardware":{"cpu_cores":%d,"memory_bytes":%d,\
                "storage_bytes":%d,"storage_type":"NVMe","network_mbps":1000},"location":{"country":"DE","region":"eu-central"},\
                "wallet_address":"%s","public_key":"%s"}""".formatted(id, id.substring(5).replace('_', '-'), tier.cores,
                tier.memoryGib << 30, tier.storageGib << 30, WALLET, publicKey);
    }

    /** A signed proof; {@code values} are the value fields in DOMAIN.md's order, as JSON fields and signed text. */
    String proof(long slot, String type, String valueJson, long... values) {
        StringBuilder text = new StringBuilder(id).append(':').append(slot).append(':').append(type);
        for (long v : values) {
            text.append(':').append(v);
        }
        return "{\"node_id\":\"" + id + "\",\"slot\":" + slot + ",\"type\":\"" + type + "\",\"value\":" + valueJson
                + ",\"signature\":\"" + sign(text.toString()) + "\"}";
    }

    private String sign(String text) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a proof", e);
        }
    }
}
