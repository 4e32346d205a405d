package io.lucid.command.web;

import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Two commands raced on one aggregate and the event store's unique (aggregate id, sequence) key refused the
 * second: 409 {@code concurrent_modification}. The loser changed nothing and may retry (DESIGN.md section 8).
 */
@Singleton
public final class ConcurrencyConflictHandler implements ExceptionHandler<ConcurrencyException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConcurrencyException e) {
        return conflict("concurrent_modification", "another command changed the same resource at the same time; nothing was stored, retry");
    }

    static HttpResponse<Problem> conflict(String code, String detail) {
        return Problems.response(409, code, detail);
    }
}
