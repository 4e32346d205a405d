package io.lucid.command.web;

import io.lucid.command.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
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
        return HttpResponse.<Problem>status(HttpStatus.CONFLICT)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(409, HttpStatus.CONFLICT.getReason(), code, detail, List.of()));
    }
}
