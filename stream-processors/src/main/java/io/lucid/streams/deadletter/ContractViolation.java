package io.lucid.streams.deadletter;

/**
 * A record that deserialized but breaks its topic's contract (an unexpected record type, values outside their
 * range, a proof id that does not match its fields...). Processors throw it before they change any state;
 * {@link DeadLetterHandler} turns it into a dead letter and processing goes on with the next record.
 */
public final class ContractViolation extends RuntimeException {

    private final String code;

    /**
     * @param code   a stable, machine-readable kind of violation, e.g. {@code invalid-proof}
     * @param detail what exactly is wrong, for the operator
     */
    public ContractViolation(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
