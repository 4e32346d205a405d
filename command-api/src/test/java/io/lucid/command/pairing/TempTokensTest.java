package io.lucid.command.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TempTokensTest {

    @Test
    void aTemporaryTokenIs32RandomBytesInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = TempTokens.generate();
            assertThat(token).matches("^[A-Za-z0-9_-]{43}$");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            seen.add(token);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void onlyTheSha256HexIsKeptAndCompared() {
        assertThat(TempTokens.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TempTokens.matches("abc", TempTokens.sha256Hex("abc"))).isTrue();
        assertThat(TempTokens.matches("abd", TempTokens.sha256Hex("abc"))).isFalse();
    }
}
