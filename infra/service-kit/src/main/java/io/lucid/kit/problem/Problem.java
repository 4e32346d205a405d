package io.lucid.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The one error body of both APIs: RFC 9457 problem+json with the stable {@code code} clients branch on and, for
 * invalid input, the offending fields. Every member is always written ({@code errors} as {@code []} when there are
 * none), so a client reads one shape whatever the error and whichever API answered.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are URNs per code: stable identifiers that need no hosted documentation page. */
    public static final String TYPE_PREFIX = "urn:lucid:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String code, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, errors);
    }

    public static Problem of(int status, String title, String code, String detail) {
        return of(status, title, code, detail, List.of());
    }
}
