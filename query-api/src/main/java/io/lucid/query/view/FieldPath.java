package io.lucid.query.view;

import java.util.regex.Pattern;

/**
 * SQL for a body field named by a read model (snake_case, dotted for nested objects). Names are checked against a
 * strict pattern before they reach SQL; values always travel as parameters. A top-level field is written
 * {@code body ->> 'f'} so that the read models' expression indexes match.
 */
final class FieldPath {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    private FieldPath() {
    }

    static String text(String field) {
        if (!NAME.matcher(field).matches()) {
            throw new IllegalArgumentException("not a body field name: " + field);
        }
        return field.contains(".")
                ? "(body #>> '{" + field.replace('.', ',') + "}')"
                : "(body ->> '" + field + "')";
    }
}
