package io.lucid.projections;

/** A record whose CloudEvents headers the projections cannot use; the engine dead-letters it. */
public final class BadMetadataException extends RuntimeException {

    public BadMetadataException(String position, String reason) {
        super("cannot project record " + position + ": " + reason);
    }
}
