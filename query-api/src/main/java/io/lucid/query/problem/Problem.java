package io.lucid.query.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error body as {@code application/problem+json} (RFC 9457) with the stable {@code code} clients switch on
 * and, for invalid input, the {@code errors} per field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    /** Problem types are URNs per code: stable identifiers that need no hosted documentation page. */
    public static final String TYPE_PREFIX = "urn:lucid:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String code, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, List.of());
    }

    /** One invalid input field. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
