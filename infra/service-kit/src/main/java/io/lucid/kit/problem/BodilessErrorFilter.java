package io.lucid.kit.problem;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives a problem+json body to an error that leaves without one. Micronaut's own filters answer some requests
 * directly, bypassing {@link ProblemErrorResponseProcessor}: the CORS filter refuses a cross-origin request it does not
 * allow (for example {@code Origin: null}, or any foreign origin to a server bound on loopback) with a bare 403. A
 * client must get a stable code for every refusal, so this filter, outermost of all, fills the body in.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class BodilessErrorFilter implements Ordered {

    static final String ORIGIN_NOT_ALLOWED = "origin_not_allowed";

    @Override
    public int getOrder() {
        // Response filters run in reverse order: the first in line sees the answers of every filter after it.
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    @SuppressWarnings("unchecked") // the body of an answer that has none may take any type
    public void fill(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || request.getMethod() == HttpMethod.HEAD || response.getBody().isPresent()) {
            return;
        }
        String title = response.status().getReason();
        Problem problem = status == 403 && request.getHeaders().contains(HttpHeaders.ORIGIN)
                ? Problem.of(403, title, ORIGIN_NOT_ALLOWED,
                        "Requests from this origin are not allowed by this service's CORS settings.")
                : Problem.of(status, title, ProblemCodes.of(status),
                        ProblemCodes.fixedDetail(status) != null ? ProblemCodes.fixedDetail(status) : title);
        ((MutableHttpResponse<Object>) response).contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
