package io.lucid.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The style rules of the event contract, checked on every schema: documented, snake_case, times as
 * timestamp-millis, enums that can grow, no floating point where money is concerned.
 */
class SchemaStyleTest {

    private static final String SNAKE_CASE = "[a-z][a-z0-9]*(_[a-z0-9]+)*";

    @Test
    void documentsEveryRecordFieldAndEnum() {
        List<String> undocumented = new ArrayList<>();
        walk((owner, schema, field) -> {
            if (field == null && isBlank(schema.getDoc())) {
                undocumented.add(schema.getFullName());
            } else if (field != null && isBlank(field.doc())) {
                undocumented.add(owner.getFullName() + "." + field.name());
            }
        });
        assertThat(undocumented).as("records, enums and fields without a doc").isEmpty();
    }

    @Test
    void namesFieldsInSnakeCase() {
        List<String> wrong = new ArrayList<>();
        walk((owner, schema, field) -> {
            if (field != null && !field.name().matches(SNAKE_CASE)) {
                wrong.add(owner.getFullName() + "." + field.name());
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void givesEveryEnumADefaultSymbol() {
        List<String> rigid = new ArrayList<>();
        walk((owner, schema, field) -> {
            if (field == null && schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
                rigid.add(schema.getFullName());
            }
        });
        assertThat(rigid).as("enums without a default symbol cannot grow").isEmpty();
    }

    @Test
    void encodesTimesAsTimestampMillis() {
        List<String> wrong = new ArrayList<>();
        walk((owner, schema, field) -> {
            if (field != null && (field.name().endsWith("_at") || field.name().equals("epoch_start")
                    || field.name().equals("epoch_end"))) {
                Schema type = nonNull(field.schema());
                if (!(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
                    wrong.add(owner.getFullName() + "." + field.name());
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void usesNoFloatingPointOutsideMeasurementsAndDisplayScores() {
        List<String> floating = new ArrayList<>();
        walk((owner, schema, field) -> {
            if (field != null) {
                Schema.Type type = nonNull(field.schema()).getType();
                boolean allowed = field.name().equals("live_score") || field.name().endsWith("_percent")
                        || field.name().equals("network_mbps");
                if ((type == Schema.Type.DOUBLE || type == Schema.Type.FLOAT) && !allowed) {
                    floating.add(owner.getFullName() + "." + field.name());
                }
            }
        });
        assertThat(floating).isEmpty();
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    /** Visits every named schema (field null) and every field (with its owning record) reachable from the events. */
    private static void walk(Visitor visitor) {
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        for (Class<? extends SpecificRecord> type : EventTypes.all()) {
            walk(EventTypes.schemaOf(type), visitor, seen);
        }
    }

    private static void walk(Schema schema, Visitor visitor, Map<Schema, Boolean> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema, true) != null) {
                    return;
                }
                visitor.visit(schema, schema, null);
                for (Field field : schema.getFields()) {
                    visitor.visit(schema, field.schema(), field);
                    walk(field.schema(), visitor, seen);
                }
            }
            case ENUM -> {
                if (seen.put(schema, true) == null) {
                    visitor.visit(schema, schema, null);
                }
            }
            case UNION -> schema.getTypes().forEach(type -> walk(type, visitor, seen));
            case ARRAY -> walk(schema.getElementType(), visitor, seen);
            case MAP -> walk(schema.getValueType(), visitor, seen);
            default -> {
            }
        }
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(Schema owner, Schema schema, Field field);
    }
}
