package io.lucid.schemas.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.schemas.events.EventTypes;
import io.lucid.schemas.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated references must match the schemas: fails when docs/events.md or docs/asyncapi.yaml differ from
 * what the generators produce. {@code -Dlucid.docs.update=true} rewrites them instead.
 */
class GeneratedDocsTest {

    private static final Path DOCS = Path.of("../docs");
    private static final boolean UPDATE = Boolean.getBoolean("lucid.docs.update");

    @Test
    void eventCatalogueIsCurrent() throws IOException {
        check(DOCS.resolve("events.md"), EventCatalogue.render());
    }

    @Test
    void asyncApiDocumentIsCurrent() throws IOException {
        check(DOCS.resolve("asyncapi.yaml"), AsyncApiDocument.render(ContractVersion.latest()));
    }

    @Test
    void catalogueListsEveryTopicAndRecord() {
        String catalogue = EventCatalogue.render();
        Topics.all().forEach(topic -> assertThat(catalogue).contains("## " + topic.name()));
        EventTypes.all().forEach(type -> assertThat(catalogue).contains("`" + type.getName() + "`"));
    }

    @Test
    void namesChannelsAfterTopics() {
        assertThat(List.of("lucid.node.events", "lucid.poot.scores", "lucid.view.changes"))
                .extracting(AsyncApiDocument::channelId)
                .containsExactly("nodeEvents", "pootScores", "viewChanges");
    }

    private static void check(Path file, String generated) throws IOException {
        if (UPDATE) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertThat(committed.replace("\r\n", "\n"))
                .as(file.normalize() + " differs from what the schemas generate; regenerate it with: "
                        + EventCatalogue.REGENERATE)
                .isEqualTo(generated);
    }
}
