package io.lucid.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.events.node.NodeRegistered;
import io.lucid.events.view.ViewChanged;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class DeclaredSchemaTest {

    @Test
    void generatedClassSchemaIsRegisteredExactlyAsTheAvscDeclaresIt() throws Exception {
        assertThat(DeclaredSchema.of(NodeRegistered.getClassSchema()).toString())
                .isEqualTo(avsc("node/NodeRegistered.avsc").toString())
                .doesNotContain("avro.java");
        assertThat(DeclaredSchema.of(ViewChanged.getClassSchema()).toString())
                .isEqualTo(avsc("view/ViewChanged.avsc").toString());
    }

    @Test
    void schemaWithoutJavaPropertiesIsKeptAsIs() {
        Schema plain = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");

        assertThat(DeclaredSchema.of(plain)).isSameAs(plain);
    }

    private static Schema avsc(String path) throws Exception {
        return new Schema.Parser().parse(Files.readString(Path.of("src/main/avro", path)));
    }
}
