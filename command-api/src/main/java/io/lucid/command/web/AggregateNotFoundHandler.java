package io.lucid.command.web;

import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command addressed to an aggregate that has no events: 404 {@code not_found}, nothing stored. The companion
 * {@link WrongAggregateHandler} covers an id that names another aggregate type's stream.
 */
@Singleton
public final class AggregateNotFoundHandler implements ExceptionHandler<AggregateNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AggregateNotFoundException e) {
        return Problems.response(404, "not_found", "nothing is known under the id " + e.getAggregateIdentifier());
    }
}
