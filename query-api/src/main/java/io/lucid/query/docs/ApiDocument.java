package io.lucid.query.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.projections.view.Access;
import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.audit.AuditApiPaths;
import io.lucid.query.replay.ReplayApiPaths;
import io.lucid.query.view.ViewCatalogue;
import io.lucid.query.view.ViewReads;
import io.lucid.schemas.position.Position;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3 document of query-api, generated from the same view declarations that route its reads, so it
 * cannot drift from what is served: one GET per entity path and per listing, with their filters, paging and
 * read-your-writes parameters and their problem answers. Written as JSON (which is also YAML).
 */
public final class ApiDocument {

    /** Paths served besides the views; a test checks the controllers against this list. */
    public static final List<String> FIXED_PATHS = List.of("/ws");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ApiDocument() {
    }

    public static String of(ViewCatalogue catalogue) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "Lucid query-api");
        info.put("version", "v1");
        info.put("description", "Materialised views of the Lucid backbone. Every read is generated from the read "
                + "models' declarations. Lists are keyset-paged (limit 1-" + ViewReads.MAX_LIMIT + ", default "
                + ViewReads.DEFAULT_LIMIT + ", opaque next_cursor). Give a command's position (header "
                + Position.HEADER + " or parameter position) to read your own writes. Errors are problem+json "
                + "with a stable code. Live updates: the WebSocket at /ws (docs/live-updates.md).");
        root.putArray("security").addObject().putArray("bearer");
        ObjectNode schemes = root.putObject("components").putObject("securitySchemes");
        ObjectNode bearer = schemes.putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        Map<String, ObjectNode> paths = new TreeMap<>();
        for (ViewDefinition view : catalogue.views()) {
            if (view.entityPath() != null) {
                paths.put("/api/v1/" + view.entityPath() + "/{id}", entity(view));
            }
            for (Listing listing : view.listings()) {
                paths.put("/api/v1/" + listing.path(), list(view, listing));
            }
        }
        paths.putAll(AuditApiPaths.paths());
        paths.putAll(ReplayApiPaths.paths());
        ObjectNode out = root.putObject("paths");
        paths.forEach(out::set);
        ObjectNode ws = out.putObject("/ws").putObject("get");
        ws.put("summary", "WebSocket of live views (upgrade); frames in docs/live-updates.md");
        ws.putArray("security");
        ws.putObject("responses").putObject("101").put("description", "Switching protocols");
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode entity(ViewDefinition view) {
        ObjectNode get = JSON.createObjectNode();
        ObjectNode op = get.putObject("get");
        op.put("summary", "One " + view.view().replace('_', ' ') + " by id");
        op.put("description", access(view.access()));
        op.putArray("tags").add(view.view());
        ArrayNode parameters = op.putArray("parameters");
        pathParameter(parameters);
        positionParameter(parameters);
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "The row, as stored by the projection (snake_case JSON); "
                + "ETag is its version").putObject("content").putObject("application/json").putObject("schema")
                .put("type", "object");
        problems(responses, "304", "400", "401", "403", "404", "503");
        return get;
    }

    private static ObjectNode list(ViewDefinition view, Listing listing) {
        ObjectNode get = JSON.createObjectNode();
        ObjectNode op = get.putObject("get");
        op.put("summary", listing.summary());
        op.put("description", "Ordered by " + (listing.sort().byRowId() ? "id" : listing.sort().field()
                + (listing.sort().descending() ? " descending" : " ascending")) + ", then id."
                + (listing.ranked() ? " Each item has its 1-based rank." : "") + " " + access(view.access()));
        op.putArray("tags").add(view.view());
        ArrayNode parameters = op.putArray("parameters");
        if (listing.parentField() != null) {
            pathParameter(parameters);
        }
        query(parameters, ViewReads.LIMIT, "integer", "Page size, 1-" + ViewReads.MAX_LIMIT, List.of());
        query(parameters, ViewReads.CURSOR, "string", "The next_cursor of the previous page", List.of());
        positionParameter(parameters);
        for (Filter filter : listing.filters()) {
            query(parameters, filter.param(), filter.type() == FieldType.LONG ? "integer"
                    : filter.type() == FieldType.BOOLEAN ? "boolean" : "string",
                    "Only rows whose " + filter.field() + " equals this", filter.allowed().stream().sorted().toList());
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode schema = responses.putObject("200").put("description", "A page")
                .putObject("content").putObject("application/json").putObject("schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("items").put("type", "array").putObject("items").put("type", "object");
        properties.putObject("next_cursor").put("type", "string").put("nullable", true);
        problems(responses, "304", "400", "401", "403", "503");
        return get;
    }

    private static String access(Access access) {
        StringBuilder text = new StringBuilder("Readable by ADMIN, OPERATOR and AUDITOR");
        if (access.nodeField() != null) {
            text.append("; a NODE token reads the rows whose ").append(access.nodeField()).append(" is its node");
        }
        if (access.ownerField() != null) {
            text.append("; a DEVICE token reads the rows whose ").append(access.ownerField()).append(" is itself");
        }
        return text.append('.').toString();
    }

    private static void pathParameter(ArrayNode parameters) {
        ObjectNode id = parameters.addObject();
        id.put("name", "id");
        id.put("in", "path");
        id.put("required", true);
        id.putObject("schema").put("type", "string").put("maxLength", 256);
    }

    private static void positionParameter(ArrayNode parameters) {
        query(parameters, ViewReads.POSITION, "string",
                "A command's position: answer only once this view has applied it (at most 2 s, then 503)", List.of());
    }

    private static void query(ArrayNode parameters, String name, String type, String description,
            List<String> values) {
        ObjectNode parameter = parameters.addObject();
        parameter.put("name", name);
        parameter.put("in", "query");
        parameter.put("required", false);
        parameter.put("description", description);
        ObjectNode schema = parameter.putObject("schema").put("type", type);
        if (!values.isEmpty()) {
            ArrayNode allowed = schema.putArray("enum");
            values.forEach(allowed::add);
        }
    }

    private static void problems(ObjectNode responses, String... codes) {
        for (String code : codes) {
            ObjectNode response = responses.putObject(code);
            response.put("description", switch (code) {
                case "304" -> "Not modified (If-None-Match matched the ETag)";
                case "400" -> "invalid_parameter: errors[0].field names the parameter";
                case "401" -> "No or bad token";
                case "403" -> "This role may not read this view";
                case "404" -> "No such row, or not one this token may read";
                default -> "read_model_unavailable, or not_yet_consistent with Retry-After";
            });
            if (!code.equals("304")) {
                response.putObject("content").putObject("application/problem+json").putObject("schema")
                        .put("type", "object");
            }
        }
    }
}
