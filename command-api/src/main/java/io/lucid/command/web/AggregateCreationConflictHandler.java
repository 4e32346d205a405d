package io.lucid.command.web;

import io.lucid.kit.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Two commands created the same aggregate at once and the event store refused the second stream (Axon does not
 * report this as a {@code ConcurrencyException}): 409 {@code already_exists}, nothing stored.
 */
@Singleton
public final class AggregateCreationConflictHandler
        implements ExceptionHandler<AggregateStreamCreationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AggregateStreamCreationException e) {
        return ConcurrencyConflictHandler.conflict("already_exists",
                "a concurrent command created the same resource first; nothing was stored");
    }
}
