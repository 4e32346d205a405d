package io.lucid.schemas.registry;

import java.util.List;

/**
 * The registry's verdict on a candidate schema: compatible or not, and (when not) the registry's messages
 * naming each incompatibility, so that a build step can print why a schema change was refused.
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {

    public CompatibilityCheck {
        messages = List.copyOf(messages);
    }

    public static CompatibilityCheck ok() {
        return new CompatibilityCheck(true, List.of());
    }
}
