package io.lucid.registry;

/**
 * Compatibility levels of a subject, with Confluent's meaning: BACKWARD, a new schema can read data written
 * with the previous one; FORWARD, the previous schema can read data written with the new one; FULL, both.
 * Transitive levels check against every live version, the others against the latest only.
 */
public enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with earlier ones. */
    boolean backward() {
        return backward;
    }

    /** Earlier schemas must read data written with the new one. */
    boolean forward() {
        return forward;
    }

    /** Checked against every live version rather than the latest. */
    boolean transitive() {
        return transitive;
    }

    /** Parses a level as clients send it (case-insensitive); anything else is error 42203. */
    static Compatibility parse(String value) {
        if (value != null) {
            for (Compatibility level : values()) {
                if (level.name().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
        }
        throw RegistryException.invalidCompatibilityLevel(value);
    }
}
