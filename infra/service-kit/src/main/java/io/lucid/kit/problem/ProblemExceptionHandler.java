package io.lucid.kit.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a {@link ProblemException} (and its subclasses, e.g. a command's rejection) as its problem+json. */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<Problem> response = Problems.response(exception);
        exception.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds.toString()));
        return response;
    }
}
