package io.lucid.schemas.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the JSON-pointer location of an Avro incompatibility ({@code /fields/2/type/fields/0/type}) into the
 * dotted field path a person reads ({@code hardware.cpu_cores}).
 */
final class FieldPath {

    private FieldPath() {
    }

    static String of(Schema root, String location) {
        List<String> names = new ArrayList<>();
        Schema current = root;
        String[] steps = location.replaceFirst("^/", "").split("/");
        for (int i = 0; i < steps.length && current != null; i++) {
            switch (steps[i]) {
                case "fields" -> {
                    if (i + 1 >= steps.length || current.getType() != Schema.Type.RECORD) {
                        return String.join(".", names);
                    }
                    Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                    names.add(field.name());
                    current = field.schema();
                }
                case "items" -> current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : null;
                case "values" -> current = current.getType() == Schema.Type.MAP ? current.getValueType() : null;
                case "type", "" -> {
                }
                default -> {
                    // A union branch index.
                    if (current.getType() == Schema.Type.UNION && steps[i].matches("\\d+")) {
                        current = current.getTypes().get(Integer.parseInt(steps[i]));
                    }
                }
            }
        }
        return String.join(".", names);
    }
}
