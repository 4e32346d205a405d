package io.lucid.kit.json;

import io.lucid.kit.problem.ProblemCodes;
import io.lucid.kit.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;

/**
 * Refuses, with 400 {@code malformed_request}, a JSON body that is not exactly one well-formed value
 * ({@link StrictJsonSyntax}) before any controller binds it, on every API route that reads a body. Runs after
 * authentication (a request without a valid token is a 401 whatever its body) and command-api's rate limits (a
 * flood of malformed bodies is still limited), before idempotency (a malformed body never claims a key). A body
 * sent with a {@code Content-Encoding} is checked after the server decoded it.
 */
@ServerFilter("/api/**")
public final class StrictJsonFilter implements Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 15;
    }

    @RequestFilter(methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
    @Nullable
    public HttpResponse<?> filter(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !isJson(request.getContentType())) {
            return null;
        }
        return StrictJsonSyntax.violation(body)
                .<HttpResponse<?>>map(reason -> Problems.response(400, ProblemCodes.MALFORMED_REQUEST, reason))
                .orElse(null);
    }

    /** JSON, or no content type at all (the routes take JSON by default). */
    private static boolean isJson(Optional<MediaType> type) {
        return type.map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE) || t.getSubtype().endsWith("+json")).orElse(true);
    }
}
