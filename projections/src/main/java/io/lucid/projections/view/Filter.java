package io.lucid.projections.view;

import java.util.Objects;
import java.util.Set;

/**
 * A query parameter that narrows a list to the rows whose body field equals the given value.
 *
 * @param param   the query parameter, e.g. {@code status}
 * @param field   the body field it compares, e.g. {@code status}
 * @param type    how the value is parsed; a value that does not parse is a 400 naming the parameter
 * @param allowed the accepted values (empty: any value of the type)
 */
public record Filter(String param, String field, FieldType type, Set<String> allowed) {

    public Filter {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        allowed = Set.copyOf(allowed);
    }

    /** A filter whose parameter has the field's name. */
    public static Filter text(String field) {
        return new Filter(field, field, FieldType.TEXT, Set.of());
    }

    /** A text filter with a closed set of values (an enum). */
    public static Filter oneOf(String field, Set<String> values) {
        return new Filter(field, field, FieldType.TEXT, values);
    }

    public static Filter number(String field) {
        return new Filter(field, field, FieldType.LONG, Set.of());
    }

    public static Filter flag(String field) {
        return new Filter(field, field, FieldType.BOOLEAN, Set.of());
    }
}
