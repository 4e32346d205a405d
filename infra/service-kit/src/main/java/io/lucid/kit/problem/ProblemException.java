package io.lucid.kit.problem;

import java.util.List;

/**
 * A request or command refused with a problem: status, stable code, detail and field errors. Carries no HTTP
 * types, so aggregates and services can throw it (or a subclass) without knowing the web layer;
 * {@link ProblemExceptionHandler} renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", detail);
    }

    public static ProblemException unavailable(String code, String detail) {
        return new ProblemException(503, code, detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Asks the client to retry after this many seconds ({@code Retry-After}), e.g. on a 503 it caused no harm by. */
    public ProblemException retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public java.util.Optional<Integer> retryAfter() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }
}
