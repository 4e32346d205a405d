package io.lucid.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenAPI paths of {@link AuditController}, for query-api's API document (docs/audit.md has the details). */
public final class AuditApiPaths {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditApiPaths() {
    }

    public static Map<String, ObjectNode> paths() {
        Map<String, ObjectNode> paths = new LinkedHashMap<>();
        paths.put("/api/v1/audit/aggregates/{id}/events", get("An aggregate's history in sequence order, with metadata,"
                + " hash chain links and the payload as JSON", "application/json", true));
        ObjectNode export = get("Events in store order as NDJSON, streamed", "application/x-ndjson", false);
        for (String name : new String[] {"from", "to", "type", "actor", "correlation_id", "aggregate_id"}) {
            query(export, name);
        }
        paths.put("/api/v1/audit/events", export);
        ObjectNode state = get("The aggregate's state after its first `version` events or as of `at`, replayed by"
                + " command-api", "application/json", true);
        query(state, "version");
        query(state, "at");
        paths.put("/api/v1/audit/aggregates/{id}/state", state);
        ObjectNode verify = get("The first altered, missing, duplicated, reordered or unchained event per aggregate",
                "application/json", false);
        query(verify, "source");
        query(verify, "aggregate_id");
        paths.put("/api/v1/audit/verify", verify);
        return paths;
    }

    private static ObjectNode get(String summary, String mediaType, boolean idInPath) {
        ObjectNode path = JSON.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("summary", summary + ". Roles AUDITOR and ADMIN; every call is recorded.");
        get.putArray("tags").add("audit");
        ArrayNode parameters = get.putArray("parameters");
        if (idInPath) {
            parameters.addObject().put("name", "id").put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", "OK").putObject("content").putObject(mediaType)
                .putObject("schema").put("type", "object");
        responses.putObject("400").put("description", "invalid_parameter: errors[0].field names the parameter");
        responses.putObject("403").put("description", "forbidden: not an AUDITOR or ADMIN token");
        if (idInPath) {
            responses.putObject("404").put("description", "aggregate_not_found");
        }
        return path;
    }

    private static void query(ObjectNode path, String name) {
        ((ArrayNode) path.path("get").path("parameters")).addObject().put("name", name).put("in", "query")
                .putObject("schema").put("type", "string");
    }
}
