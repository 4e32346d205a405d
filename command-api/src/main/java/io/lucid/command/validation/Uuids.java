package io.lucid.command.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Aggregate ids that the service generates (sessions, RDP servers, connections) are random UUIDs in canonical
 * lower-case form. A path id that is not one cannot name anything: controllers answer 404 without touching the
 * store. {@link java.util.UUID#fromString} is too lenient for this ({@code 1-1-1-1-1} passes).
 */
public final class Uuids {

    private static final Pattern CANONICAL = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Uuids() {
    }

    /** The canonical lower-case form of {@code value}, or null when it is not a UUID. */
    public static String canonical(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return CANONICAL.matcher(lower).matches() ? lower : null;
    }
}
