package io.lucid.command.web;

import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

/**
 * An id that names another aggregate type's stream (e.g. a pairing id sent to a device endpoint): Axon cannot
 * source the aggregate from those events. For the client there is simply no such resource: 404 {@code not_found}.
 */
@Singleton
public final class WrongAggregateHandler implements ExceptionHandler<IncompatibleAggregateException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IncompatibleAggregateException e) {
        return Problems.response(404, "not_found", "nothing of this kind is known under this id");
    }
}
