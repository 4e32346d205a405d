package io.lucid.kit.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One violated rule of one input field, named by its JSON path (e.g. {@code hardware.cpu_cores}).
 *
 * @param field   JSON path of the offending field
 * @param code    stable machine-readable reason (e.g. {@code out_of_range})
 * @param message human-readable explanation
 */
@Serdeable
public record FieldError(String field, String code, String message) {
}
