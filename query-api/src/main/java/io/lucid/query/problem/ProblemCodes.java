package io.lucid.query.problem;

import io.micronaut.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/** The stable {@code code} of the errors the framework raises, by HTTP status. */
final class ProblemCodes {

    private static final Map<HttpStatus, String> CODES = Map.ofEntries(
            Map.entry(HttpStatus.BAD_REQUEST, "bad_request"),
            Map.entry(HttpStatus.UNAUTHORIZED, "unauthorized"),
            Map.entry(HttpStatus.FORBIDDEN, "forbidden"),
            Map.entry(HttpStatus.NOT_FOUND, "not_found"),
            Map.entry(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed"),
            Map.entry(HttpStatus.NOT_ACCEPTABLE, "not_acceptable"),
            Map.entry(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large"),
            Map.entry(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            Map.entry(HttpStatus.UNPROCESSABLE_ENTITY, "unprocessable"),
            Map.entry(HttpStatus.TOO_MANY_REQUESTS, "rate_limited"),
            Map.entry(HttpStatus.SERVICE_UNAVAILABLE, "unavailable"));

    private static final Map<HttpStatus, String> DETAILS = Map.of(
            HttpStatus.UNAUTHORIZED, "A valid bearer token is required.",
            HttpStatus.FORBIDDEN, "The token does not allow this request.",
            HttpStatus.NOT_FOUND, "No such resource.");

    private ProblemCodes() {
    }

    static String of(HttpStatus status) {
        return CODES.getOrDefault(status, status.getCode() >= 500 ? "internal_error" : "client_error");
    }

    static Optional<String> fixedDetail(HttpStatus status) {
        return Optional.ofNullable(DETAILS.get(status));
    }

    static String serverErrorDetail(HttpStatus status) {
        return status == HttpStatus.SERVICE_UNAVAILABLE
                ? "The service is temporarily unavailable; retry later."
                : "An unexpected error occurred; it has been logged.";
    }
}
