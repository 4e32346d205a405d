package io.lucid.kit.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders every error the framework answers by itself (unparsable JSON, unknown route, wrong method, missing
 * token, denied access, too large a body, an uncaught exception) as problem+json with a stable code. Server errors
 * get a fixed detail: exception messages can name internals and never reach a client; they are logged.
 */
@Singleton
@Primary // over Micronaut's default JSON/HTML error bodies
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return response.contentType(Problem.MEDIA_TYPE).body(null);
        }
        return response.contentType(Problem.MEDIA_TYPE).body(problem(response.getStatus(), context.getErrors()));
    }

    static Problem problem(HttpStatus status, List<Error> errors) {
        int code = status.getCode();
        String fixed = ProblemCodes.fixedDetail(code);
        List<FieldError> fields = code >= 500 ? List.of() : errors.stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new FieldError(error.getPath().get(), "invalid", error.getMessage()))
                .toList();
        String detail = fixed != null ? fixed : errors.stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return Problem.of(code, status.getReason(), ProblemCodes.of(code), detail, fields);
    }
}
