package io.lucid.command.problem;

import java.util.List;

/**
 * A command was refused by a rule. Thrown by aggregates and command services, rendered as problem+json
 * at the HTTP edge. Carries no HTTP types so aggregates stay free of the web layer; {@code status} follows
 * the conventions of DOMAIN.md (409 illegal transition or duplicate, 422 rule violation, ...).
 */
public class CommandRejectedException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public CommandRejectedException(int status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
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

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
