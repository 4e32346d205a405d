package io.lucid.devstack.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Malformed and boundary JSON bodies for fuzzing command endpoints: broken syntax, wrong JSON types for every
 * field, missing and null fields, unknown enum values, negative and absurd numbers, huge strings and deep nesting.
 * Field paths are dotted ({@code recording.frame_rate}); the mutations keep the rest of the valid body intact, so
 * each one tests the one thing it breaks.
 */
public final class Fuzz {

    /** Values of every JSON type but the expected one, plus the classic troublemakers. */
    public static final List<String> WRONG_VALUES = List.of(
            "null", "true", "0", "-1", "-9223372036854775809", "9223372036854775808", "1e400", "1.5", "NaN", "\"\"",
            "\"   \"", "\"x\"", "\"-1\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "[null]", "{}", "{\"a\":1}",
            "\"" + "é".repeat(300) + "\"", "\"" + "x".repeat(100_000) + "\"");

    /** Bodies that are not a JSON object of the command at all. */
    public static final List<String> BROKEN_BODIES = List.of(
            "", " ", "{", "}", "{\"name\":", "[]", "[{}]", "null", "0", "\"text\"", "{\"name\":\"a\",}", "{'name':'a'}",
            "{\"name\":\"a\"}{\"name\":\"b\"}", "\u0000", "{\"name\" \"a\"}",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));

    private Fuzz() {
    }

    /** One fuzz body: the valid body with the value at {@code path} replaced ({@code value} null: the field removed). */
    public record Mutation(String path, String value, String body) {

        /**
         * Whether a strict API may legitimately accept this mutation: an absent or null field (optional fields take
         * their defaults), or a value of the field's own JSON type (a string's content, an empty or unknown-keyed
         * object, an empty array: for the rules to judge). A value of another JSON type is a type error that must be
         * refused; no number among the mutations is valid for any field.
         */
        public boolean mayBeValid(Kind kind) {
            if (value == null || value.equals("null")) {
                return true;
            }
            return switch (kind) {
                case STRING -> value.startsWith("\"");
                case OBJECT -> value.startsWith("{");
                case ARRAY -> value.equals("[]");
                case NUMBER, BOOLEAN -> false;
            };
        }
    }

    /** The JSON type a field takes. */
    public enum Kind { STRING, NUMBER, BOOLEAN, OBJECT, ARRAY }

    /** The valid body with {@code path} replaced by each wrong value, and once with {@code path} removed. */
    public static List<Mutation> mutations(String validJson, String path) {
        List<Mutation> bodies = new ArrayList<>();
        for (String value : WRONG_VALUES) {
            bodies.add(new Mutation(path, value, replace(validJson, path, value)));
        }
        bodies.add(new Mutation(path, null, remove(validJson, path)));
        return bodies;
    }

    /** Replaces the value of the (last segment of the) dotted path; the field must appear once in the body. */
    static String replace(String json, String path, String value) {
        String field = "\"" + last(path) + "\":";
        int start = json.indexOf(field);
        if (start < 0) {
            throw new IllegalArgumentException(path + " is not in " + json);
        }
        int valueStart = start + field.length();
        int valueEnd = endOfValue(json, valueStart);
        return json.substring(0, valueStart) + value + json.substring(valueEnd);
    }

    static String remove(String json, String path) {
        String field = "\"" + last(path) + "\":";
        int start = json.indexOf(field);
        int end = endOfValue(json, start + field.length());
        String before = json.substring(0, start);
        String after = json.substring(end);
        if (after.startsWith(",")) {
            return before + after.substring(1);
        }
        return before.endsWith(",") ? before.substring(0, before.length() - 1) + after : before + after;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The index just past the JSON value starting at {@code from} (strings, numbers, literals, objects, arrays). */
    private static int endOfValue(String json, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }
}
