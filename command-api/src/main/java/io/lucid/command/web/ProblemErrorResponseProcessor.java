package io.lucid.command.web;

import io.lucid.command.problem.Problem;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders every error the framework produces (unparsable JSON, unknown route, missing token, too large
 * a body, an unexpected failure) as problem+json with a stable code. Server errors never carry the
 * exception's message: it is logged, not shown.
 */
@Singleton
@Primary // over Micronaut's default JSON/HTML error bodies
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return response.contentType(Problem.MEDIA_TYPE).body(null);
        }
        Problem problem = Problem.of(status.getCode(), status.getReason(), codeFor(status), detail(status, context.getErrors()), List.of());
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static String detail(HttpStatus status, List<Error> errors) {
        if (status.getCode() >= 500 || errors.isEmpty()) {
            return status.getCode() >= 500 ? "The request could not be processed; it changed nothing. Retry later." : status.getReason();
        }
        return errors.stream().map(Error::getMessage).collect(Collectors.joining("; "));
    }

    /** Stable codes for framework-level failures; domain rejections carry their own codes. */
    static String codeFor(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "malformed_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status.getCode() >= 500 ? "internal_error" : "request_rejected";
        };
    }
}
