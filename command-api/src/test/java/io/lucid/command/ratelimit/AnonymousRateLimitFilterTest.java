package io.lucid.command.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests without a token, and refused tokens, are limited per client address before authentication. */
class AnonymousRateLimitFilterTest {

    private final RateLimitSettings settings = new RateLimitSettings(true, 100, 100, 100, 100, 3, Duration.ofMinutes(1));
    private final AnonymousRateLimitFilter filter = new AnonymousRateLimitFilter(new RateLimiter(settings), settings);

    private static MutableHttpRequest<?> anonymous() {
        return HttpRequest.POST("/api/v1/nodes", "{}");
    }

    private static MutableHttpRequest<?> withToken() {
        return HttpRequest.POST("/api/v1/nodes", "{}").bearerAuth("some.token.value");
    }

    @Test
    void requestsWithoutATokenAreLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(filter.limit(anonymous())).isNull();
        }
        HttpResponse<?> refused = filter.limit(anonymous());
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.getHeaders().get("Retry-After")).isNotBlank();
    }

    @Test
    void refusedTokensCountAndStopTheAddressOnceTheBucketIsEmpty() {
        for (int i = 0; i < 3; i++) {
            assertThat(filter.limit(withToken())).as("not charged before authentication").isNull();
            filter.chargeRefusedTokens(withToken(), HttpResponse.status(HttpStatus.UNAUTHORIZED));
        }
        HttpResponse<?> refused = filter.limit(withToken());
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(429);
    }

    @Test
    void acceptedTokensAreNeverCharged() {
        for (int i = 0; i < 10; i++) {
            assertThat(filter.limit(withToken())).isNull();
            filter.chargeRefusedTokens(withToken(), HttpResponse.status(HttpStatus.CREATED));
        }
    }

    @Test
    void offMeansOff() {
        RateLimitSettings off = new RateLimitSettings(false, 0, 0, 0, 0, 0, Duration.ofMinutes(1));
        AnonymousRateLimitFilter none = new AnonymousRateLimitFilter(new RateLimiter(off), off);
        for (int i = 0; i < 5; i++) {
            assertThat(none.limit(anonymous())).isNull();
        }
    }
}
