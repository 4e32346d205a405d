package io.lucid.command.poot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Ed25519 verification against keys and signatures made by the JDK's provider. */
class ProofSignaturesTest {

    private final ProofSignatures signatures = new ProofSignatures();
    private final ProofKeys keys = new ProofKeys();

    @Test
    void verifiesASignatureMadeByAnotherImplementation() {
        assertThat(signatures.verify(keys.publicKey(), "node_alpha_01:7:uptime_beacon:120", keys.sign("node_alpha_01:7:uptime_beacon:120")))
                .isTrue();
    }

    @Test
    void refusesASignatureOfOtherText() {
        assertThat(signatures.verify(keys.publicKey(), "node_alpha_01:7:uptime_beacon:119", keys.sign("node_alpha_01:7:uptime_beacon:120")))
                .isFalse();
    }

    @Test
    void refusesASignatureByAnotherKey() {
        assertThat(signatures.verify(new ProofKeys().publicKey(), "text", keys.sign("text"))).isFalse();
    }

    @Test
    void refusesAFlippedSignatureBit() {
        byte[] signature = Base64.getDecoder().decode(keys.sign("text"));
        signature[10] ^= 1;
        assertThat(signatures.verify(keys.publicKey(), "text", Base64.getEncoder().encodeToString(signature))).isFalse();
    }

    @Test
    void refusesKeysAndSignaturesOfTheWrongShape() {
        assertThat(signatures.verify("AAEC", "text", keys.sign("text"))).isFalse();
        assertThat(signatures.verify("not base64!", "text", keys.sign("text"))).isFalse();
        assertThat(signatures.verify(keys.publicKey(), "text", "AAEC")).isFalse();
        assertThat(signatures.verify(keys.publicKey(), "text", "not base64!")).isFalse();
    }

    @Test
    void refusesAKeyThatIsNotAPointOnTheCurve() {
        // 32 bytes whose y coordinate is not on Ed25519 (2^255 - 1 is above the field prime): registration takes it, nothing verifies
        byte[] notAPoint = new byte[32];
        java.util.Arrays.fill(notAPoint, (byte) 0xff);
        notAPoint[31] = 0x7f;
        assertThat(signatures.verify(Base64.getEncoder().encodeToString(notAPoint), "text", keys.sign("text"))).isFalse();
    }
}
