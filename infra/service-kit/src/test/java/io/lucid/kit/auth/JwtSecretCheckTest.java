package io.lucid.kit.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JwtSecretCheckTest {

    @Test
    void refusesASecretShorterThan32BytesWithoutShowingIt() {
        String shortSecret = "s3cr3t-but-only-31-bytes-long!!";
        assertThatThrownBy(() -> new JwtSecretCheck(shortSecret))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortSecret);
        assertThatThrownBy(() -> new JwtSecretCheck(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsThirtyTwoBytes() {
        assertThatCode(() -> new JwtSecretCheck("x".repeat(32))).doesNotThrowAnyException();
    }
}
