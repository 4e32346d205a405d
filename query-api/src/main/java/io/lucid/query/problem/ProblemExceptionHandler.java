package io.lucid.query.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders a {@link ProblemException} as its problem+json body. */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem problem = exception.problem();
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(problem);
        exception.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds.toString()));
        return response;
    }
}
