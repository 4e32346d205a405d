package io.lucid.query.view;

import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.ProblemException;
import java.util.List;

/** A query parameter or path segment a read cannot take: 400 {@code invalid_parameter}, naming it. */
final class BadParameter {

    static final String CODE = "invalid_parameter";

    private BadParameter() {
    }

    static ProblemException of(String field, String message) {
        return new ProblemException(400, CODE, "Invalid " + field + ": " + message + ".",
                List.of(new FieldError(field, CODE, message)));
    }
}
