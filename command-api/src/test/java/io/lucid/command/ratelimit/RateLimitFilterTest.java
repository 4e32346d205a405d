package io.lucid.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.kit.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which bucket a request draws from, and the 429 it gets when that bucket is empty. */
class RateLimitFilterTest {

    private final RateLimitSettings settings = new RateLimitSettings(true, 2, 100, 2, 3, 100, Duration.ofMinutes(1));
    private final RateLimitFilter filter = new RateLimitFilter(new RateLimiter(settings), settings);

    private static MutableHttpRequest<?> post(String path, Authentication who) {
        MutableHttpRequest<?> request = HttpRequest.POST(path, "{}");
        if (who != null) {
            request.setUserPrincipal(who);
        }
        return request;
    }

    private static Authentication token(String subject, String jti, Map<String, Object> claims) {
        Map<String, Object> attributes = new HashMap<>(claims);
        attributes.put("jti", jti);
        return Authentication.build(subject, List.of("NODE"), attributes);
    }

    @Test
    void otherCommandsAreLimitedPerTokenWith429AndRetryAfter() {
        Authentication first = token("op", "jti-1", Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(filter.limit(post("/api/v1/nodes", first))).isNull();
        }
        HttpResponse<?> limited = filter.limit(post("/api/v1/nodes", first));
        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.getHeaders().get("Retry-After")).isEqualTo("20");
        assertThat(((Problem) limited.body()).code()).isEqualTo("rate_limited");
        assertThat(filter.limit(post("/api/v1/nodes", token("op", "jti-2", Map.of())))).as("another token of the subject").isNull();
    }

    @Test
    void taskProofsAreLimitedPerNodeWhicheverTokenSubmits() {
        RateLimitSettings tight = new RateLimitSettings(true, 2, 2, 2, 100, 100, Duration.ofMinutes(1));
        RateLimitFilter proofs = new RateLimitFilter(new RateLimiter(tight), tight);
        Map<String, Object> node = Map.of("node_id", "node_alpha_01");
        assertThat(proofs.limit(post("/api/v1/poot/proofs", token("agent", "a", node)))).isNull();
        assertThat(proofs.limit(post("/api/v1/poot/proofs/batch", token("agent", "b", node)))).isNull();
        assertThat(proofs.limit(post("/api/v1/poot/proofs", token("agent", "c", node))).code()).isEqualTo(429);
        assertThat(proofs.limit(post("/api/v1/poot/proofs", token("agent", "d", Map.of("node_id", "node_beta_01"))))).isNull();
    }

    @Test
    void pairingCompletionIsLimitedPerPairing() {
        String path = "/api/v1/pairings/6f1c2a34-8d5e-4b7a-9c0d-1e2f3a4b5c6d/complete";
        assertThat(filter.limit(post(path, null))).isNull();
        assertThat(filter.limit(post(path, null))).isNull();
        assertThat(filter.limit(post(path, null)).code()).isEqualTo(429);
        assertThat(filter.limit(post("/api/v1/pairings/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/complete", null)))
                .as("another pairing").isNull();
    }

    @Test
    void switchedOffItLetsEverythingThrough() {
        RateLimitSettings off = new RateLimitSettings(false, 0, 0, 0, 0, 100, Duration.ofMinutes(1));
        assertThat(new RateLimitFilter(new RateLimiter(off), off).limit(post("/api/v1/nodes", null))).isNull();
    }
}
