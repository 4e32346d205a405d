package io.lucid.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.ProblemException;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Callers;
import io.lucid.query.auth.Role;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/audit/...}: the auditors' reads of the event store (docs/audit.md). ADMIN and AUDITOR only; every
 * call is first recorded in {@link AuditAccessLog}. Literal paths, so they take precedence over the view routes.
 */
@Controller("/api/v1/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    static final MediaType NDJSON = MediaType.of("application/x-ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 256;

    private final EventStoreTable table;
    private final AuditAccessLog accessLog;
    private final StateAtClient stateAt;
    private final StoreVerifier storeVerifier;
    private final TopicVerifier topicVerifier;
    private final EventJson eventJson = new EventJson();

    AuditController(EventStoreTable table, AuditAccessLog accessLog, StateAtClient stateAt, TopicVerifier topicVerifier) {
        this.table = table;
        this.accessLog = accessLog;
        this.stateAt = stateAt;
        this.storeVerifier = new StoreVerifier(table);
        this.topicVerifier = topicVerifier;
    }

    /** An aggregate's whole history, in sequence order. */
    @Get(uri = "/aggregates/{id}/events", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> history(@PathVariable String id, HttpRequest<?> request, Authentication authentication)
            throws Exception {
        Map<String, String> params = parameters(request, Set.of());
        params.put("aggregate_id", text("id", id));
        Caller caller = auditor(authentication, "history", params);
        List<StoredEvent> events = table.history(id);
        if (events.isEmpty()) {
            throw ProblemException.notFound("aggregate_not_found", "No event of aggregate " + id + ".");
        }
        ObjectNode body = JSON.createObjectNode().put("aggregate_id", id)
                .put("aggregate_type", events.get(0).aggregateType()).put("events_count", events.size());
        ArrayNode list = body.putArray("events");
        events.forEach(event -> list.add(eventJson.render(event)));
        return HttpResponse.ok(body.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Events by time range, type, actor, correlation id or aggregate, in store order, as NDJSON streamed from a cursor. */
    @Get(uri = "/events", produces = "application/x-ndjson")
    public HttpResponse<StreamedFile> export(HttpRequest<?> request, Authentication authentication) throws Exception {
        Map<String, String> params = parameters(request,
                Set.of("from", "to", "type", "actor", "correlation_id", "aggregate_id"));
        EventStoreTable.Filter filter = new EventStoreTable.Filter(instant("from", params.get("from")),
                instant("to", params.get("to")), params.get("type"), params.get("actor"), params.get("correlation_id"),
                params.get("aggregate_id"));
        auditor(authentication, "export", params);
        NdjsonExport stream = new NdjsonExport(table.open(filter, EventStoreTable.Order.GLOBAL), eventJson);
        return HttpResponse.ok(new StreamedFile(stream, NDJSON));
    }

    /** The aggregate's state after its first {@code version} events, or after the events up to {@code at}. */
    @Get(uri = "/aggregates/{id}/state", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> state(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        Map<String, String> params = parameters(request, Set.of("version", "at"));
        params.put("aggregate_id", text("id", id));
        auditor(authentication, "state", params);
        String body = stateAt.stateOf(id, params.get("version"), params.get("at"),
                request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The first altered, missing, duplicated or reordered event of each aggregate, in the store or on the topics. */
    @Get(uri = "/verify", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> verify(HttpRequest<?> request, Authentication authentication) throws Exception {
        Map<String, String> params = parameters(request, Set.of("source", "aggregate_id"));
        String source = params.getOrDefault("source", "store");
        if (!source.equals("store") && !source.equals("topics")) {
            throw invalid("source", "store or topics");
        }
        auditor(authentication, "verify", params);
        VerifyReport report = source.equals("store")
                ? storeVerifier.verify(params.get("aggregate_id"))
                : topicVerifier.verify(params.get("aggregate_id"));
        return HttpResponse.ok(report.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The caller, once recorded; anyone but ADMIN and AUDITOR is refused (and recorded nowhere: they read nothing). */
    private Caller auditor(Authentication authentication, String action, Map<String, String> params) {
        Caller caller = Callers.from(authentication);
        if (!caller.has(Role.ADMIN) && !caller.has(Role.AUDITOR)) {
            throw ProblemException.forbidden("The audit API is for the roles AUDITOR and ADMIN.");
        }
        accessLog.record(caller, action, params);
        return caller;
    }

    /** The query parameters, each at most once and printable; an unknown one is the client's 400. */
    private static Map<String, String> parameters(HttpRequest<?> request, Set<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : request.getParameters().names()) {
            if (!allowed.contains(name)) {
                throw invalid(name, "unknown parameter (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            List<String> values = request.getParameters().getAll(name);
            if (values.size() != 1) {
                throw invalid(name, "give it once");
            }
            params.put(name, text(name, values.get(0)));
        }
        return params;
    }

    private static String text(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(name, "printable text of 1 to " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "an ISO-8601 UTC instant, e.g. 2026-01-31T12:00:00Z");
        }
    }

    private static ProblemException invalid(String field, String message) {
        // The shape of every other invalid query parameter of the two APIs (the view reads' BadParameter).
        return new ProblemException(400, "invalid_parameter", "Invalid " + field + ": " + message + ".",
                List.of(new FieldError(field, "invalid_parameter", message)));
    }
}
