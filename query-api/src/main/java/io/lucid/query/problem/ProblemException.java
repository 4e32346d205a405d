package io.lucid.query.problem;

import io.micronaut.http.HttpStatus;

/** Thrown by controllers to answer with a problem; {@link ProblemExceptionHandler} renders it. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.problem = Problem.of(status.getCode(), status.getReason(), code, detail);
    }

    public Problem problem() {
        return problem;
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
