package io.lucid.command.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screen resolutions written {@code WIDTHxHEIGHT} (e.g. {@code 1920x1080}), as recordings and RDP desktops take
 * them. Both dimensions must lie within 320x240..7680x4320 (DOMAIN.md section 2; RDP desktops use the same bounds).
 */
public final class Resolution {

    public static final String DEFAULT = "1920x1080";
    public static final int MIN_WIDTH = 320;
    public static final int MIN_HEIGHT = 240;
    public static final int MAX_WIDTH = 7680;
    public static final int MAX_HEIGHT = 4320;

    private static final Pattern FORMAT = Pattern.compile("^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})$");

    private Resolution() {
    }

    /** Adds a field error unless {@code value} (when present) is a resolution within the bounds. */
    public static void check(String field, String value, FieldViolations violations) {
        if (value == null) {
            return;
        }
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            violations.add(field, "invalid_format", field + " must be WIDTHxHEIGHT, e.g. 1920x1080");
            return;
        }
        int width = Integer.parseInt(matcher.group(1));
        int height = Integer.parseInt(matcher.group(2));
        if (width < MIN_WIDTH || width > MAX_WIDTH || height < MIN_HEIGHT || height > MAX_HEIGHT) {
            violations.add(field, "out_of_range", field + " must be within 320x240..7680x4320");
        }
    }
}
