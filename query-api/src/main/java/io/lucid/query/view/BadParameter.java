package io.lucid.query.view;

import io.lucid.query.problem.Problem;
import io.lucid.query.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** A query parameter or path segment a read cannot take: 400 {@code invalid_parameter}, naming it. */
final class BadParameter {

    static final String CODE = "invalid_parameter";

    private BadParameter() {
    }

    static ProblemException of(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, CODE, "Invalid " + field + ": " + message + ".",
                List.of(new Problem.FieldError(field, message)));
    }
}
