package io.lucid.command.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem+json body with the stable {@code code} clients branch on and, for rule
 * violations, the offending fields.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String code, String detail, List<FieldError> errors) {
        return new Problem("urn:lucid:problem:" + code, title, status, detail, code, errors);
    }
}
