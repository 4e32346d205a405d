package io.lucid.streams.deadletter;

/** Headers of a record on the dead-letter topic: why it is there, readable without decoding the value. */
public final class DeadLetterHeaders {

    /** The kind of failure: a {@link ContractViolation} code or the exception's class name. */
    public static final String ERROR_TYPE = "lucid_error_type";
    /** The failure's message. */
    public static final String REASON = "lucid_error_reason";
    /** The application and processor that gave up on the record. */
    public static final String CONSUMER = "lucid_error_consumer";
    /** {@code <topic>/<partition>@<offset>} of the original record. */
    public static final String SOURCE = "lucid_error_source";

    private DeadLetterHeaders() {
    }
}
