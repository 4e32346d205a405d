package io.lucid.schemas.registry;

/**
 * A failed registry call: the HTTP status and the Confluent {@code error_code} of the response body
 * (e.g. 40401 subject not found, 40403 schema not found, 409 incompatible schema, 42201 invalid schema).
 * Transport failures carry status 0 and error code 0.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the subject has no compatibility level of its own. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** Confluent error code (and HTTP status): the schema is incompatible with earlier versions. */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    /** HTTP status of the response, 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** Confluent {@code error_code} of the response body, 0 when none. */
    public int errorCode() {
        return errorCode;
    }
}
