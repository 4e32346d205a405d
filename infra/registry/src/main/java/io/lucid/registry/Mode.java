package io.lucid.registry;

/** The registry's write mode: READONLY refuses every change to subjects (error 42205), e.g. during a migration. */
public enum Mode {
    READWRITE, READONLY;

    /** Parses a mode as clients send it; anything else is error 42204. */
    static Mode parse(String value) {
        if (value != null) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
        }
        throw new RegistryException(42204, "Invalid mode " + value + ". Valid values are READWRITE and READONLY");
    }
}
