package io.lucid.projections;

/**
 * A record the projections cannot apply: undecodable, without the headers they need, or of a type no handler
 * takes. The loop stops on it rather than skip it, so that no view silently misses an event; its offset is not
 * stored, so a fixed build starts again from that record.
 */
public final class UnprocessableRecordException extends RuntimeException {

    private final String position;

    public UnprocessableRecordException(String position, String reason) {
        this(position, reason, null);
    }

    public UnprocessableRecordException(String position, String reason, Throwable cause) {
        super("cannot project record " + position + ": " + reason, cause);
        this.position = position;
    }

    /** {@code topic/partition@offset} of the record. */
    public String position() {
        return position;
    }
}
