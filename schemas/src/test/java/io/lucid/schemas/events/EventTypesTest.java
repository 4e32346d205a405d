package io.lucid.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void listsTheGeneratedClassOfEverySchemaFile() {
        Set<String> listed = EventTypes.all().stream().map(Class::getName).collect(Collectors.toSet());
        List<String> missing = SchemaFiles.all().stream()
                .map(SchemaFiles::fullName)
                .filter(name -> !listed.contains(name))
                .toList();
        assertThat(missing)
                .as("schema files without an entry in EventTypes.all(): add their generated classes there")
                .isEmpty();
    }

    @Test
    void listsEachTypeOnce() {
        List<Class<? extends SpecificRecord>> all = EventTypes.all();
        assertThat(Set.copyOf(all)).hasSameSizeAs(all);
    }

    @Test
    void placesEachFileInTheDirectoryOfItsNamespace() {
        for (Path file : SchemaFiles.all()) {
            String namespace = SchemaFiles.read(file).path("namespace").asText();
            String domain = SchemaFiles.ROOT.relativize(file).getName(0).toString();
            assertThat(namespace).as(file.toString()).isEqualTo("io.lucid.events." + domain);
            assertThat(file.getFileName().toString()).isEqualTo(SchemaFiles.read(file).path("name").asText() + ".avsc");
        }
    }
}
