package io.lucid.query.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenAPI paths of {@link ReplayController}, for query-api's API document (docs/replay.md has the details). */
public final class ReplayApiPaths {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayApiPaths() {
    }

    public static Map<String, ObjectNode> paths() {
        Map<String, ObjectNode> paths = new LinkedHashMap<>();
        ObjectNode replays = JSON.createObjectNode();
        operation(replays, "get", "The newest rebuilds first (at most 20)", "200", false);
        ObjectNode start = operation(replays, "post", "Starts a blue/green rebuild of the named projections"
                + " (`{\"projections\": [...]}`; none named: all) into a fresh schema", "202", false);
        start.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object").putObject("properties").putObject("projections")
                .put("type", "array").putObject("items").put("type", "string");
        problem(start, "400", "malformed_request, or unknown_projection: errors[0].field names the entry");
        problem(start, "409", "replay_in_progress: another rebuild still holds a schema");
        problem(start, "503", "unavailable: no projections service has said what it can rebuild");
        paths.put("/api/v1/admin/replays", replays);

        ObjectNode one = JSON.createObjectNode();
        operation(one, "get", "One rebuild: state, progress (events done and left, rate, ETA) and its comparison",
                "200", true);
        ObjectNode drop = operation(one, "delete", "Stops a rebuild, or retires a switched one, and drops its schema",
                "202", true);
        problem(drop, "409", "replay_already_dropped");
        paths.put("/api/v1/admin/replays/{id}", one);

        ObjectNode switchOver = JSON.createObjectNode();
        ObjectNode post = operation(switchOver, "post", "Makes a compared rebuild live atomically; the old rows stay"
                + " until the rebuild is dropped", "202", true);
        problem(post, "409", "replay_not_finished or replay_already_switched");
        paths.put("/api/v1/admin/replays/{id}/switch", switchOver);
        return paths;
    }

    private static ObjectNode operation(ObjectNode path, String method, String summary, String success, boolean id) {
        ObjectNode operation = path.putObject(method);
        operation.put("summary", summary + ". Role ADMIN.");
        operation.putArray("tags").add("replay");
        if (id) {
            operation.putArray("parameters").addObject().put("name", "id").put("in", "path").put("required", true)
                    .putObject("schema").put("type", "integer");
        }
        ObjectNode responses = operation.putObject("responses");
        responses.putObject(success).put("description", "The rebuild").putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        problem(operation, "401", "unauthorized");
        problem(operation, "403", "forbidden: not an ADMIN token");
        if (id) {
            problem(operation, "404", "replay_not_found (also for an id that is not a number)");
        }
        return operation;
    }

    private static void problem(ObjectNode operation, String status, String description) {
        ((ObjectNode) operation.get("responses")).putObject(status).put("description", description);
    }
}
