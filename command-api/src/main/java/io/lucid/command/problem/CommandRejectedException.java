package io.lucid.command.problem;

import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.ProblemException;
import java.util.List;

/**
 * A command was refused by a rule. Thrown by aggregates and command services, rendered as problem+json at the HTTP
 * edge by the kit's handler of {@link ProblemException}. Carries no HTTP types so aggregates stay free of the web
 * layer; {@code status} follows the conventions of DOMAIN.md (409 illegal transition or duplicate, 422 rule
 * violation, ...).
 */
public class CommandRejectedException extends ProblemException {

    public CommandRejectedException(int status, String code, String detail, List<FieldError> errors) {
        super(status, code, detail, errors);
    }

    public CommandRejectedException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    /** 422: the command breaks one or more field rules. */
    public static CommandRejectedException invalid(List<FieldError> errors) {
        return new CommandRejectedException(422, "validation_failed",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    /** 409: the command conflicts with what already exists. */
    public static CommandRejectedException conflict(String code, String detail) {
        return new CommandRejectedException(409, code, detail);
    }
}
