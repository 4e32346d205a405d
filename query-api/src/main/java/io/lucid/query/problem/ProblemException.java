package io.lucid.query.problem;

import io.micronaut.http.HttpStatus;

/** Thrown by controllers to answer with a problem; {@link ProblemExceptionHandler} renders it. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private Integer retryAfterSeconds;

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, java.util.List.of());
    }

    /** A problem naming the fields at fault. */
    public ProblemException(HttpStatus status, String code, String detail, java.util.List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.problem = new Problem(Problem.TYPE_PREFIX + code, status.getReason(), status.getCode(), detail, code,
                errors);
    }

    public Problem problem() {
        return problem;
    }

    /** Asks the client to retry after this many seconds ({@code Retry-After}). */
    public ProblemException retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public java.util.Optional<Integer> retryAfter() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ProblemException unavailable(String code, String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, code, detail);
    }
}
