package io.lucid.command.validation;

import io.micronaut.serde.annotation.Serdeable;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request record's component as taking only its documented JSON type ({@link StrictJson}): a value of
 * another JSON type is a 400, never silently coerced. Short for {@code @Serdeable.Deserializable(using = ...)}.
 */
public final class Strict {

    private Strict() {
    }

    /** A JSON string. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Text.class)
    public @interface Text {
    }

    /** A JSON array of strings. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.TextList.class)
    public @interface TextList {
    }

    /** An integral JSON number within {@code int}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Int.class)
    public @interface Int {
    }

    /** An integral JSON number within {@code long}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Long64.class)
    public @interface Long64 {
    }

    /** {@code true} or {@code false}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Bool.class)
    public @interface Bool {
    }

    /** A JSON number read exactly as written. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Decimal.class)
    public @interface Decimal {
    }

    /** A JSON number, as a {@code double} (telemetry measurements). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
    @Serdeable.Deserializable(using = StrictJson.Real.class)
    public @interface Real {
    }
}
