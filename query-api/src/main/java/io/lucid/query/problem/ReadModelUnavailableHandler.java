package io.lucid.query.problem;

import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.lucid.query.ReadModelUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers 503 {@code read_model_unavailable} when the read model cannot be queried; the cause is logged only. */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class ReadModelUnavailableHandler
        implements ExceptionHandler<ReadModelUnavailableException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelUnavailableHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ReadModelUnavailableException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage(), exception.getCause());
        return Problems.response(503, "read_model_unavailable",
                "The read model cannot be queried right now; retry later.");
    }
}
