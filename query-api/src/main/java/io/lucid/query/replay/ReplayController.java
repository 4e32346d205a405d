package io.lucid.query.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.ProblemCodes;
import io.lucid.kit.problem.ProblemException;
import io.lucid.query.QueryConfig;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Callers;
import io.lucid.query.auth.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/admin/replays}: blue/green rebuilds of projections (docs/replay.md), for ADMIN tokens only. It
 * records requests and the switch and drop flags; the projections service runs them and reports back through the
 * same rows. Every refusal is problem+json and changes nothing.
 */
@Controller("/api/v1/admin/replays")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReplayController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ReplayController.class);

    private final ReplayTable table;

    ReplayController(DataSource dataSource, QueryConfig config) {
        this.table = new ReplayTable(dataSource, config.readSchema());
    }

    /** Starts a rebuild of the named read models ({@code {"projections": [...]}}; none named: all of them). */
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> start(@Nullable @Body String body, Authentication authentication) {
        Caller caller = admin(authentication);
        List<String> names = names(body);
        return guarded(() -> {
            List<String> known = table.rebuildable();
            if (known.isEmpty()) {
                throw unavailable();
            }
            for (int i = 0; i < names.size(); i++) {
                if (!known.contains(names.get(i))) {
                    throw new ProblemException(400, "unknown_projection", "No projection " + names.get(i)
                            + " runs here (known: " + String.join(", ", known) + ").",
                            List.of(new FieldError("projections[" + i + "]", "unknown_projection",
                                    "one of " + String.join(", ", known))));
                }
            }
            Optional<Long> id = table.request(names, caller.subject());
            if (id.isEmpty()) {
                long open = table.open().map(n -> n.get("id").asLong()).orElse(-1L);
                throw new ProblemException(409, "replay_in_progress", "Rebuild " + open
                        + " still holds a schema: switch or drop it first (a switched one: drop it).");
            }
            return HttpResponse.status(HttpStatus.ACCEPTED).body(table.find(id.get()).orElseThrow().toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }

    /** The newest rebuilds first. */
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(Authentication authentication) {
        admin(authentication);
        return guarded(() -> {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode items = body.putArray("items");
            table.recent(20).forEach(items::add);
            return HttpResponse.ok(body.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }

    /** One rebuild: state, progress (events done and left, rate, ETA) and, once compared, the comparison. */
    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> show(@PathVariable String id, Authentication authentication) {
        admin(authentication);
        long replay = id(id);
        return guarded(() -> HttpResponse.ok(existing(replay).toString()).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Makes a compared rebuild live; the old rows stay in its schema until it is dropped. */
    @Post(uri = "/{id}/switch", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> switchOver(@PathVariable String id, Authentication authentication) {
        admin(authentication);
        long replay = id(id);
        return guarded(() -> {
            ObjectNode current = existing(replay);
            String state = current.get("state").asText();
            if (state.equals("switched")) {
                throw new ProblemException(409, "replay_already_switched", "Rebuild " + replay + " is live already.");
            }
            if (!table.flag(replay, "switch_requested", List.of("compared"))) {
                throw new ProblemException(409, "replay_not_finished", "Rebuild " + replay + " is " + state
                        + ": only a compared rebuild can be switched.");
            }
            return HttpResponse.status(HttpStatus.ACCEPTED).body(existing(replay).toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }

    /** Stops a rebuild, or retires a switched one, and drops its schema. */
    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> drop(@PathVariable String id, Authentication authentication) {
        admin(authentication);
        long replay = id(id);
        return guarded(() -> {
            ObjectNode current = existing(replay);
            if (!table.flag(replay, "drop_requested", ReplayTable.OPEN)) {
                throw new ProblemException(409, "replay_already_dropped", "Rebuild " + replay + " is "
                        + current.get("state").asText() + ": it holds no schema.");
            }
            return HttpResponse.status(HttpStatus.ACCEPTED).body(existing(replay).toString())
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    }

    private ObjectNode existing(long id) throws SQLException {
        return table.find(id).orElseThrow(() -> ProblemException.notFound("replay_not_found", "No rebuild " + id + "."));
    }

    private static Caller admin(Authentication authentication) {
        Caller caller = Callers.from(authentication);
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("Rebuilding projections is for the role ADMIN.");
        }
        return caller;
    }

    private static long id(String id) {
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw ProblemException.notFound("replay_not_found", "No rebuild " + id.replaceAll("[^A-Za-z0-9_-]", "?")
                    + ".");
        }
        return Long.parseLong(id);
    }

    /** The requested names, each once, in the order given; an absent or empty body asks for all. */
    private static List<String> names(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_REQUEST, "The body is not one JSON object.");
        }
        if (json == null || !json.isObject()) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_REQUEST, "The body is not one JSON object.");
        }
        Iterator<String> fields = json.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("projections")) {
                throw invalid(field, "unknown field (known: projections)");
            }
        }
        JsonNode list = json.get("projections");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > 100) {
            throw invalid("projections", "a list of up to 100 projection names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode name = list.get(i);
            if (!name.isTextual() || !name.asText().matches("[a-z][a-z0-9_-]{0,62}")) {
                throw invalid("projections[" + i + "]", "a projection name (lower-case letters, digits, _ and -)");
            }
            names.add(name.asText());
        }
        return new ArrayList<>(names);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "validation_failed", "Invalid " + field + ": " + message + ".",
                List.of(new FieldError(field, "invalid", message)));
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("replays_unavailable",
                "The projections service has not registered its read models yet.").retryAfterSeconds(5);
    }

    /** SQL failures become problems: a missing replay table means no projections service has started on it. */
    private static HttpResponse<String> guarded(SqlCall call) {
        try {
            return call.run();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw unavailable();
            }
            LOG.info("Rebuild request failed in the database: {}", e.toString());
            throw ProblemException.unavailable("replays_unavailable", "The read database did not answer.")
                    .retryAfterSeconds(1);
        }
    }

    @FunctionalInterface
    private interface SqlCall {
        HttpResponse<String> run() throws SQLException;
    }
}
