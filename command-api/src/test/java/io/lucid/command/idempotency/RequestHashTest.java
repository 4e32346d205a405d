package io.lucid.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHashTest {

    @Test
    void theSameRequestHashesAlikeAndAnyDifferenceShows() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String hash = RequestHash.of("POST", "/api/v1/pairings", body);
        assertThat(RequestHash.of("POST", "/api/v1/pairings", body.clone())).isEqualTo(hash).hasSize(64);
        assertThat(RequestHash.of("POST", "/api/v1/pairings", "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(hash);
        assertThat(RequestHash.of("POST", "/api/v1/nodes", body)).isNotEqualTo(hash);
        assertThat(RequestHash.of("POST", "/api/v1/pairings", null)).isNotEqualTo(hash);
    }

    @Test
    void keysArePrintableAsciiUpTo255Characters() {
        assertThat(IdempotencyFilter.validKey("5f0c7e1e-4a8b-4b59-9a43-0c3e1b1f5d2a")).isTrue();
        assertThat(IdempotencyFilter.validKey("k".repeat(255))).isTrue();
        assertThat(IdempotencyFilter.validKey("k".repeat(256))).isFalse();
        assertThat(IdempotencyFilter.validKey("")).isFalse();
        assertThat(IdempotencyFilter.validKey("with space")).isFalse();
        assertThat(IdempotencyFilter.validKey("caf\u00e9")).isFalse();
    }
}
