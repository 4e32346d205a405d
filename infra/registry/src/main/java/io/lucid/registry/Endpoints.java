package io.lucid.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.registry.Route.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Confluent Schema Registry REST API mapped onto {@link SchemaRegistry}: request JSON in, response JSON
 * out, nothing else. Field names and error codes follow Confluent's API so that its clients work unchanged.
 */
final class Endpoints {

    private static final byte[] EMPTY_OBJECT = utf8("{}");

    private final SchemaRegistry registry;

    Endpoints(SchemaRegistry registry) {
        this.registry = registry;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "schemas/ids/{}", c -> Reply.ok(registry.schemaResponse(c.idParam(0)))),
                Route.of("GET", "", c -> Reply.ok(EMPTY_OBJECT)),
                Route.of("GET", "schemas/types", c -> json(Json.array().add("AVRO"))),
                Route.of("GET", "schemas/ids/{}/schema", c -> Reply.ok(utf8(registry.schemaText(c.idParam(0))))),
                Route.of("GET", "schemas/ids/{}/versions", this::versionsOfId),
                Route.of("GET", "schemas/ids/{}/subjects", c -> json(strings(registry.versionsOfId(c.idParam(0),
                        c.flag("deleted")).stream().map(SchemaRegistry.Registered::subject).distinct().toList()))),
                Route.of("GET", "subjects", c -> json(strings(registry.subjects(c.flag("deleted"))))),
                Route.of("POST", "subjects/{}", this::lookup),
                Route.of("DELETE", "subjects/{}", c -> json(numbers(
                        registry.deleteSubject(c.param(0), c.flag("permanent"))))),
                Route.of("GET", "subjects/{}/versions", c -> json(numbers(
                        registry.versions(c.param(0), c.flag("deleted"))))),
                Route.of("POST", "subjects/{}/versions", this::register),
                Route.of("GET", "subjects/{}/versions/{}", c -> json(version(
                        registry.version(c.param(0), c.param(1), c.flag("deleted"))))),
                Route.of("GET", "subjects/{}/versions/{}/schema", this::rawSchemaOfVersion),
                // Schema references are refused at registration, so no version is ever referenced; clients that
                // check before deleting still get Confluent's answer for an unreferenced version.
                Route.of("GET", "subjects/{}/versions/{}/referencedby", c -> {
                    registry.version(c.param(0), c.param(1), true);
                    return json(Json.array());
                }),
                Route.of("DELETE", "subjects/{}/versions/{}", c -> json(Json.MAPPER.getNodeFactory().numberNode(
                        registry.deleteVersion(c.param(0), c.param(1), c.flag("permanent"))))),
                Route.of("POST", "compatibility/subjects/{}/versions", c -> compatibility(c, null)),
                Route.of("POST", "compatibility/subjects/{}/versions/{}", c -> compatibility(c, c.param(1))),
                Route.of("GET", "config", c -> json(level(registry.globalCompatibility()))),
                Route.of("PUT", "config", c -> {
                    Compatibility level = requestedLevel(c);
                    registry.setGlobalCompatibility(level);
                    return json(Json.object().put("compatibility", level.name()));
                }),
                Route.of("GET", "config/{}", c -> json(level(
                        registry.subjectCompatibility(c.param(0), c.flag("defaultToGlobal"))))),
                Route.of("PUT", "config/{}", c -> {
                    Compatibility level = requestedLevel(c);
                    registry.setSubjectCompatibility(c.param(0), level);
                    return json(Json.object().put("compatibility", level.name()));
                }),
                Route.of("DELETE", "config/{}", c -> json(level(registry.deleteSubjectCompatibility(c.param(0))))),
                Route.of("GET", "mode", c -> json(Json.object().put("mode", registry.mode().name()))),
                Route.of("PUT", "mode", c -> {
                    Mode mode = Mode.parse(c.text(c.body(), "mode", 42204));
                    registry.setMode(mode);
                    return json(Json.object().put("mode", mode.name()));
                }));
    }

    private Reply register(HttpCall c) {
        JsonNode body = c.body();
        int id = registry.register(c.param(0), c.text(body, "schema", 42201), body.path("schemaType").asText(null),
                body.path("references").size() > 0);
        return json(Json.object().put("id", id));
    }

    private Reply lookup(HttpCall c) {
        JsonNode body = c.body();
        return json(version(registry.lookup(c.param(0), c.text(body, "schema", 42201), c.flag("deleted"))));
    }

    private Reply versionsOfId(HttpCall c) {
        ArrayNode result = Json.array();
        registry.versionsOfId(c.idParam(0), c.flag("deleted"))
                .forEach(v -> result.addObject().put("subject", v.subject()).put("version", v.version()));
        return json(result);
    }

    private Reply rawSchemaOfVersion(HttpCall c) {
        return Reply.ok(utf8(registry.version(c.param(0), c.param(1), c.flag("deleted")).schema()));
    }

    private Reply compatibility(HttpCall c, String version) {
        SchemaRegistry.CompatibilityResult result =
                registry.testCompatibility(c.param(0), version, c.text(c.body(), "schema", 42201));
        ObjectNode answer = Json.object().put("is_compatible", result.compatible());
        if (c.flag("verbose")) {
            ArrayNode messages = answer.putArray("messages");
            result.messages().forEach(messages::add);
        }
        return json(answer);
    }

    /** Confluent reads {@code compatibility}; some clients send {@code compatibilityLevel}. */
    private static Compatibility requestedLevel(HttpCall c) {
        JsonNode body = c.body();
        JsonNode level = body.has("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        return Compatibility.parse(level == null || level.isNull() ? null : level.asText());
    }

    private static ObjectNode version(SchemaRegistry.Registered v) {
        return Json.object().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }

    private static ObjectNode level(Compatibility level) {
        return Json.object().put("compatibilityLevel", level.name());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode numbers(List<Integer> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Reply json(JsonNode node) {
        return Reply.ok(Json.bytes(node));
    }
}
