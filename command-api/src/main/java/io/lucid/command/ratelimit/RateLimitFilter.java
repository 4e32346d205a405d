package io.lucid.command.ratelimit;

import io.lucid.kit.problem.Problems;
import io.lucid.command.web.ClientAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rate limits of command-api (issue 4, item 9), checked after authentication and before idempotency: pairing
 * completion per pairing AND per client address, task proofs per node, every other command per token. Answers 429
 * problem+json {@code rate_limited} with {@code Retry-After} in whole seconds. Reads (GET) are not limited here.
 */
@ServerFilter("/api/**")
final class RateLimitFilter implements Ordered {

    private static final Pattern PAIRING_COMPLETION = Pattern.compile("^/api/v1/pairings/([^/]+)/complete/?$");
    private static final Pattern TASK_PROOFS = Pattern.compile("^/api/v1/poot/proofs(/batch)?/?$");

    private final RateLimiter limiter;
    private final RateLimitSettings settings;

    RateLimitFilter(RateLimiter limiter, RateLimitSettings settings) {
        this.limiter = limiter;
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 10;
    }

    @RequestFilter(methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
    public @Nullable HttpResponse<?> limit(HttpRequest<?> request) {
        if (!settings.enabled()) {
            return null;
        }
        String path = request.getPath();
        var pairing = PAIRING_COMPLETION.matcher(path);
        Optional<Duration> wait;
        if (pairing.matches()) {
            wait = limiter.tryConsume("pairing:" + pairing.group(1), settings.pairingCompletion(), 1)
                    .or(() -> limiter.tryConsume("pairing-address:" + clientAddress(request), settings.pairingCompletionPerAddress(), 1));
        } else if (TASK_PROOFS.matcher(path).matches()) {
            wait = limiter.tryConsume("proofs:" + nodeKey(request), settings.taskProofs(), 1);
        } else {
            wait = limiter.tryConsume("token:" + tokenKey(request), settings.commands(), 1);
        }
        return wait.map(RateLimitFilter::tooMany).orElse(null);
    }

    static HttpResponse<?> tooMany(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Problems.response(429, "rate_limited", "too many requests; retry in " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }

    /** A NODE token's node, else the principal: proofs are limited per node whoever submits them. */
    private static String nodeKey(HttpRequest<?> request) {
        return authentication(request)
                .map(a -> a.getAttributes().get("node_id") instanceof String node ? "node:" + node : "subject:" + a.getName())
                .orElseGet(() -> "address:" + clientAddress(request));
    }

    /** The token itself (its jti), so two tokens of one subject have a limit each. */
    private static String tokenKey(HttpRequest<?> request) {
        return authentication(request)
                .map(a -> a.getAttributes().get("jti") instanceof String jti ? "jti:" + jti : "subject:" + a.getName())
                .orElseGet(() -> "address:" + clientAddress(request));
    }

    private static Optional<Authentication> authentication(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class);
    }

    private static String clientAddress(HttpRequest<?> request) {
        return ClientAddress.of(request);
    }
}
