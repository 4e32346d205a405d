package io.lucid.kit.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** The one writer of problem responses: status, content type and body from a {@link Problem}. */
public final class Problems {

    private Problems() {
    }

    public static MutableHttpResponse<Problem> response(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    public static MutableHttpResponse<Problem> response(int status, String code, String detail, List<FieldError> errors) {
        return response(Problem.of(status, HttpStatus.valueOf(status).getReason(), code, detail, errors));
    }

    public static MutableHttpResponse<Problem> response(int status, String code, String detail) {
        return response(status, code, detail, List.of());
    }

    public static MutableHttpResponse<Problem> response(ProblemException e) {
        return response(e.status(), e.code(), e.getMessage(), e.errors());
    }
}
