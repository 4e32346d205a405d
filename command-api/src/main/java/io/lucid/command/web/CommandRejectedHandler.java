package io.lucid.command.web;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.problem.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a rule's refusal into problem+json with the rule's status, code and field errors. */
@Singleton
@Requires(classes = CommandRejectedException.class)
public final class CommandRejectedHandler implements ExceptionHandler<CommandRejectedException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, CommandRejectedException e) {
        return problem(e);
    }

    static HttpResponse<Problem> problem(CommandRejectedException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        return HttpResponse.<Problem>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(e.status(), status.getReason(), e.code(), e.getMessage(), e.errors()));
    }
}
