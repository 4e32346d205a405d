package io.lucid.command.validation;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every broken field rule of one command, so that a rules class can check them all and the client
 * learns every problem of its request in one 422 answer (ADR 0001). Fields are named by their JSON path; codes
 * are stable ({@code required}, {@code out_of_range}, {@code invalid_length}, {@code unknown_value}, ...).
 */
public final class FieldViolations {

    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code required} when the value is absent or a blank string; true when it is present. */
    public boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, "required", field + " is required");
            return false;
        }
        return true;
    }

    /** A present string must have {@code min..max} characters. */
    public boolean length(String field, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            add(field, "invalid_length", field + " must be " + min + "-" + max + " characters long");
            return false;
        }
        return true;
    }

    /** A present number must lie within {@code min..max}. */
    public boolean range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            add(field, "out_of_range", field + " must be within " + min + "-" + max);
            return false;
        }
        return true;
    }

    /** A present string must be one of {@code allowed} (case-sensitive, as the API documents them). */
    public boolean oneOf(String field, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "unknown_value", field + " must be one of " + String.join(", ", allowed));
            return false;
        }
        return true;
    }

    /**
     * A present string must be text a person can read back: no control characters (line breaks and tabs are allowed
     * when {@code multiLine}) and no unpaired UTF-16 surrogates (which cannot be written as UTF-8 and would be
     * replaced on the way to the event log).
     */
    public boolean readable(String field, String value, boolean multiLine) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairedSurrogate) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && !(multiLine && lineBreak)) {
                add(field, "invalid_characters", field + " must not contain control characters or broken Unicode");
                return false;
            }
        }
        return true;
    }

    public void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** 422 {@code validation_failed} naming every collected field, when there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw CommandRejectedException.invalid(errors);
        }
    }
}
