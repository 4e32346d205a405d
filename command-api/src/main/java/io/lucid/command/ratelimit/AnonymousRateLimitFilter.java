package io.lucid.command.ratelimit;

import io.lucid.command.web.ClientAddress;
import io.lucid.kit.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;

/**
 * Limits, per client address, what the per-token limits cannot see: requests without a token and requests whose
 * token was refused. Both are answered by authentication (401) before {@link RateLimitFilter} runs, so without this
 * a client could try tokens, or flood the anonymous pairing completion, without limit. Runs before authentication:
 * a request without an {@code Authorization} header takes one from the address's bucket; a request with one is let
 * through to authentication unless the bucket is already empty, and takes one when it is refused with 401. So a
 * client with a valid token is never charged here, while a run of bad tokens from one address is stopped (a
 * valid token from that address then waits too, until the bucket refills: the price of not trusting the caller).
 */
@ServerFilter("/api/**")
final class AnonymousRateLimitFilter implements Ordered {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;

    AnonymousRateLimitFilter(RateLimiter limiter, RateLimitSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    public @Nullable HttpResponse<?> limit(HttpRequest<?> request) {
        if (!settings.enabled()) {
            return null;
        }
        String key = key(request);
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return limiter.tryConsume(key, settings.anonymous(), 1).map(AnonymousRateLimitFilter::tooMany).orElse(null);
        }
        if (limiter.isExhausted(key)) {
            limiter.countRefusal(key);
            return tooMany(Duration.ofSeconds(1));
        }
        return null;
    }

    @ResponseFilter
    public void chargeRefusedTokens(HttpRequest<?> request, HttpResponse<?> response) {
        if (settings.enabled() && response.code() == 401 && request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            limiter.charge(key(request), settings.anonymous(), 1);
        }
    }

    private static String key(HttpRequest<?> request) {
        return "anonymous:" + ClientAddress.of(request);
    }

    private static HttpResponse<?> tooMany(Duration wait) {
        return RateLimitFilter.tooMany(wait);
    }
}
