package io.lucid.registry;

/**
 * A Confluent-API error: the {@code error_code} and message of the response body. The HTTP status follows
 * from the code (40401 -> 404, 42201 -> 422, 50001 -> 500; 409 stays 409), as in Confluent Schema Registry.
 */
public final class RegistryException extends RuntimeException {

    private final int errorCode;

    public RegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The HTTP status that carries this error. */
    public int httpStatus() {
        return errorCode >= 10_000 ? errorCode / 100 : errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, int version) {
        return new RegistryException(40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String detail) {
        return new RegistryException(40403, "Schema not found" + (detail.isEmpty() ? "" : ": " + detail));
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(40404, "Subject '" + subject
                + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(40405, "Subject '" + subject
                + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(40408, "Subject '" + subject + "' does not have subject-level compatibility"
                + " configured");
    }

    static RegistryException incompatible(String message) {
        return new RegistryException(409, message);
    }

    static RegistryException invalidSchema(String message) {
        return new RegistryException(42201, "Invalid schema: " + message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel(String level) {
        return new RegistryException(42203, "Invalid compatibility level " + level + ". Valid values are "
                + java.util.Arrays.toString(Compatibility.values()));
    }

    static RegistryException readOnly() {
        return new RegistryException(42205, "Subject is in read-only mode");
    }

    static RegistryException internal(String message) {
        return new RegistryException(50001, message);
    }
}
