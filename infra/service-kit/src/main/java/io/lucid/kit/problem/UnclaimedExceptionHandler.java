package io.lucid.kit.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception no more specific handler claims. Before it becomes the 500 it otherwise is (logged with its stack
 * trace, never shown to the client), the causes are asked whether it is really one of two known conditions that are
 * not a fault of this service: an unreachable database ({@link DatabaseUnavailable}, 503 with {@code Retry-After}) or
 * an unknown charset ({@link UnknownCharset}, 415). Both can only be recognised from the causes, as the exception
 * thrown on top is whatever the layer in between wraps them in.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class UnclaimedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnclaimedExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (UnknownCharset.causedBy(exception)) {
            return Problems.response(415, ProblemCodes.of(415),
                    "The charset named in Content-Type is not supported; send JSON as UTF-8.");
        }
        if (DatabaseUnavailable.causedBy(exception)) {
            LOG.warn("{} {}: the database is unavailable ({}); answered 503", request.getMethod(), request.getPath(),
                    Causes.rootMessage(exception));
            return Problems.response(503, ProblemCodes.of(503), ProblemCodes.fixedDetail(503))
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problems.response(500, ProblemCodes.of(500), ProblemCodes.fixedDetail(500));
    }
}
