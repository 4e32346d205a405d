package io.lucid.schemas.docs;

import io.lucid.schemas.serde.DeclaredSchema;
import io.lucid.schemas.topic.Retention;
import io.lucid.schemas.topic.Topic;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Renders {@code docs/events.md}: the hand-written introduction ({@code src/test/resources/docs/events-intro.md}),
 * then every topic of the catalogue with its key, partitions and retention, then every record on it with each
 * field's type, default and doc, all taken from the generated classes and {@link Topics}.
 */
final class EventCatalogue {

    static final String REGENERATE = "mvn -q -pl schemas test -Dtest=GeneratedDocsTest -Dlucid.docs.update=true";

    private EventCatalogue() {
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("<!-- Generated from schemas/src/main/avro and io.lucid.schemas.topic.Topics; do not edit.\n")
                .append("     Edit schemas/src/test/resources/docs/events-intro.md or the schemas, then run:\n")
                .append("     ").append(REGENERATE).append(" -->\n\n");
        out.append(intro().strip()).append("\n\n");
        out.append("## Topics\n\n");
        out.append("| topic | key | partitions | retention | records |\n|---|---|---|---|---|\n");
        for (Topic<String, ? extends SpecificRecord> topic : Topics.all()) {
            out.append("| [`").append(topic.name()).append("`](#").append(anchor(topic.name())).append(") | ")
                    .append(topic.keyDescription()).append(" | ").append(topic.partitions()).append(" | ")
                    .append(retention(topic.retention())).append(" | ")
                    .append(topic.records().stream().map(Class::getSimpleName).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        out.append("\nEvery topic above is public: its name starts with `").append(Topics.PUBLIC_PREFIX)
                .append("`, its values are Avro in the Confluent wire format, and it is part of this contract. ")
                .append("No other topic starts with `").append(Topics.PUBLIC_PREFIX).append("`: the internal ones below ")
                .append("belong to the services, are no part of this contract (their values need not be Avro) and may change ")
                .append("without notice. Subscribe by the names above ")
                .append("or by the pattern `").append(Topics.PUBLIC_PREFIX.replace(".", "\\.")).append(".*`.\n\n")
                .append("| internal topic | owner | content |\n|---|---|---|\n");
        for (Topics.InternalTopic internal : Topics.INTERNAL) {
            out.append("| `").append(internal.name()).append("` | ").append(internal.owner()).append(" | ")
                    .append(internal.content()).append(" |\n");
        }
        for (Topic<String, ? extends SpecificRecord> topic : Topics.all()) {
            renderTopic(out, topic);
        }
        return out.toString();
    }

    private static void renderTopic(StringBuilder out, Topic<String, ? extends SpecificRecord> topic) {
        out.append("\n## ").append(topic.name()).append("\n\n").append(topic.description()).append("\n\n")
                .append("Key: ").append(topic.keyDescription()).append(" (string). Partitions: ").append(topic.partitions())
                .append(". Retention: ").append(retention(topic.retention())).append(".\n");
        for (Class<? extends SpecificRecord> type : topic.records()) {
            Schema schema = schemaOf(type);
            out.append("\n### ").append(schema.getName()).append("\n\n")
                    .append("`").append(schema.getFullName()).append("`, subject `")
                    .append(topic.name()).append("-").append(schema.getFullName()).append("`\n\n")
                    .append(escape(schema.getDoc())).append("\n\n")
                    .append("| field | type | default | doc |\n|---|---|---|---|\n");
            for (FieldRows.Row row : FieldRows.of(schema)) {
                out.append("| `").append(row.path()).append("` | ").append(escape(row.type())).append(" | ")
                        .append(row.defaultValue().isEmpty() ? "" : "`" + row.defaultValue() + "`").append(" | ")
                        .append(escape(row.doc())).append(" |\n");
            }
        }
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return DeclaredSchema.of(SpecificData.get().getSchema(type));
    }

    static String retention(Retention retention) {
        if (retention instanceof Retention.Timed timed) {
            return timed.duration().toDays() + " days";
        }
        return retention instanceof Retention.Compacted ? "compacted" : "forever";
    }

    private static String anchor(String heading) {
        return heading.toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static String intro() {
        try (InputStream in = EventCatalogue.class.getResourceAsStream("/docs/events-intro.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
