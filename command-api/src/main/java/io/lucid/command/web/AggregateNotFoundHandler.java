package io.lucid.command.web;

import io.lucid.command.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * A command addressed to an aggregate that has no events: 404 {@code not_found}, nothing stored. The companion
 * {@link WrongAggregateHandler} covers an id that names another aggregate type's stream.
 */
@Singleton
public final class AggregateNotFoundHandler implements ExceptionHandler<AggregateNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AggregateNotFoundException e) {
        return HttpResponse.<Problem>status(HttpStatus.NOT_FOUND)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(404, HttpStatus.NOT_FOUND.getReason(), "not_found",
                        "nothing is known under the id " + e.getAggregateIdentifier(), List.of()));
    }
}
