package io.lucid.query.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lucid.projections.ReadModels;
import io.lucid.query.view.ViewCatalogue;
import io.lucid.query.view.ViewController;
import io.micronaut.http.annotation.Controller;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {

    private static final JsonNode DOCUMENT = parse(ApiDocument.of(new ViewCatalogue(ReadModels.all())));

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void documentsEveryReadOfDomainSectionEight() {
        Set<String> paths = new HashSet<>();
        DOMAIN_READS.forEach(path -> paths.add("/api/v1" + path));
        List<String> documented = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(documented::add);

        assertThat(documented).containsAll(paths);
    }

    @Test
    void documentsEveryControllerRouteOfThisService() throws Exception {
        List<String> documented = new ArrayList<>();
        DOCUMENT.path("paths").fieldNames().forEachRemaining(documented::add);
        for (Class<?> type : classesOf("io/lucid/query")) {
            ServerWebSocket socket = type.getAnnotation(ServerWebSocket.class);
            if (socket != null) {
                assertThat(documented).as("WebSocket of " + type.getSimpleName()).contains(socket.value());
            }
            Controller controller = type.getAnnotation(Controller.class);
            if (controller != null && type != ViewController.class && type != ApiDocsController.class) {
                assertThat(documented).as("routes of " + type.getSimpleName())
                        .anyMatch(path -> path.startsWith(controller.value()));
            }
        }
    }

    @Test
    void everyListDocumentsPagingAndItsFilters() {
        JsonNode nodes = DOCUMENT.path("paths").path("/api/v1/nodes").path("get").path("parameters");
        List<String> names = new ArrayList<>();
        nodes.forEach(parameter -> names.add(parameter.path("name").asText()));

        assertThat(names).contains("limit", "cursor", "position", "status", "tier", "pool_id", "country");
    }

    /** The GETs DOMAIN.md section 8 lists for query-api, with path variables written {id}. */
    private static final List<String> DOMAIN_READS = List.of("/nodes", "/nodes/{id}", "/pools", "/pools/{id}",
            "/pools/{id}/members", "/poot/scores/{id}", "/poot/leaderboard", "/poot/tallies/{id}", "/sessions",
            "/sessions/{id}", "/sessions/{id}/chunks", "/rdp-servers", "/rdp-servers/{id}", "/pairings/{id}",
            "/devices", "/payouts", "/payouts/{id}");

    /** The compiled classes of this module under {@code root}. */
    static List<Class<?>> classesOf(String root) throws Exception {
        Path classes = Path.of(ApiDocsController.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve(root))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
                    .toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("$Definition") && !name.contains("$Introspection")) {
                    found.add(Class.forName(name, false, ApiDocumentTest.class.getClassLoader()));
                }
            }
        }
        return found;
    }
}
