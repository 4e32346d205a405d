package io.lucid.command.node;

/**
 * The rule for free-text fields (a GPU model, a region, a reason): no control characters but tab, line feed and
 * carriage return. PostgreSQL cannot store a NUL in text, so one accepted NUL would stop every projection that
 * writes the field into the read model; the other controls have no business in these fields either.
 */
public final class FreeText {

    private FreeText() {
    }

    /** Whether {@code value} (when present) holds only characters a text column and a log line can carry. */
    public static boolean isClean(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
