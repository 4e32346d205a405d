package io.lucid.schemas.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * Flattens a record schema into the rows of the event catalogue: one row per field, nested record fields under a
 * dotted path ({@code hardware.cpu_cores}, {@code nodes[].rank}), each with a readable type, its default and doc.
 */
final class FieldRows {

    /** One documented field. */
    record Row(String path, String type, String defaultValue, String doc) {
    }

    private FieldRows() {
    }

    static List<Row> of(Schema record) {
        List<Row> rows = new ArrayList<>();
        add(rows, "", record);
        return rows;
    }

    private static void add(List<Row> rows, String prefix, Schema record) {
        for (Field field : record.getFields()) {
            String path = prefix + field.name();
            rows.add(new Row(path, typeName(field.schema()), defaultOf(field), field.doc()));
            Schema nested = nestedRecord(field.schema());
            if (nested != null) {
                add(rows, path + (isArray(field.schema()) ? "[]." : "."), nested);
            }
        }
    }

    /** Readable type: {@code string}, {@code timestamp-millis}, {@code long?} (nullable), {@code enum NodeType{...}}. */
    static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> {
                List<Schema> branches = schema.getTypes().stream()
                        .filter(branch -> branch.getType() != Schema.Type.NULL).toList();
                String joined = branches.stream().map(FieldRows::typeName).collect(Collectors.joining(" | "));
                yield branches.size() < schema.getTypes().size() ? joined + "?" : joined;
            }
            case RECORD -> "record " + schema.getName();
            case ENUM -> "enum " + schema.getName() + " {" + String.join(", ", schema.getEnumSymbols()) + "}";
            case ARRAY -> "array<" + typeName(schema.getElementType()) + ">";
            case MAP -> "map<string, " + typeName(schema.getValueType()) + ">";
            default -> schema.getLogicalType() != null
                    ? schema.getLogicalType().getName()
                    : schema.getType().getName();
        };
    }

    private static String defaultOf(Field field) {
        if (!field.hasDefaultValue()) {
            return "";
        }
        Object value = field.defaultVal();
        if (value == JsonProperties.NULL_VALUE) {
            return "null";
        }
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static Schema nestedRecord(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> schema;
            case ARRAY -> nestedRecord(schema.getElementType());
            case UNION -> schema.getTypes().stream().map(FieldRows::nestedRecord)
                    .filter(nested -> nested != null).findFirst().orElse(null);
            default -> null;
        };
    }

    private static boolean isArray(Schema schema) {
        return schema.getType() == Schema.Type.ARRAY;
    }
}
