package io.lucid.query.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Turns every error the framework answers by itself (unknown route, wrong method, missing token, denied access,
 * bad input, uncaught exception) into problem+json. Server errors get a fixed detail: exception messages can
 * name internals and never reach a client.
 */
@Singleton
@Primary
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        return response.contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE).body(problem(status, context));
    }

    static Problem problem(HttpStatus status, ErrorContext context) {
        String code = ProblemCodes.of(status);
        if (status.getCode() >= 500) {
            return Problem.of(status.getCode(), status.getReason(), code, ProblemCodes.serverErrorDetail(status));
        }
        List<Problem.FieldError> fieldErrors = context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                .toList();
        // Our own wording where the framework's adds nothing ("Page Not Found"); its messages for bad input.
        String detail = ProblemCodes.fixedDetail(status)
                .or(() -> context.getErrors().stream().map(Error::getMessage).findFirst())
                .orElse(status.getReason());
        return new Problem(Problem.TYPE_PREFIX + code, status.getReason(), status.getCode(), detail, code, fieldErrors);
    }
}
