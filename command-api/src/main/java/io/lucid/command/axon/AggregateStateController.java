package io.lucid.command.axon;

import io.lucid.command.security.Roles;
import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.axonframework.config.Configuration;

/**
 * {@code GET /api/v1/audit/aggregates/{id}/state?version=N|at=T}: an aggregate's state as of its first N events or
 * as of a moment, replayed here because only command-api has the aggregates' state transitions (ADR 0051). query-api's
 * audit API forwards its callers here; it is read-only and open to the two roles that may audit.
 */
@Controller("/api/v1/audit/aggregates/{id}/state")
@Secured({Roles.ADMIN, Roles.AUDITOR})
@ExecuteOn(TaskExecutors.BLOCKING)
public class AggregateStateController {

    private final AggregateReplay replay;

    public AggregateStateController(Configuration axon) {
        this.replay = new AggregateReplay(axon);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public String state(@PathVariable String id, @QueryValue @Nullable String version, @QueryValue @Nullable String at) {
        if (version != null && at != null) {
            throw invalid("version", "give either version or at, not both");
        }
        Long events = version == null ? null : parseVersion(version);
        Instant moment = at == null ? null : parseInstant(at);
        AggregateReplay.State state = replay.stateOf(id, events, moment).orElseThrow(() -> ProblemException.notFound(
                "aggregate_not_found", "No event of aggregate " + id + (events != null || moment != null
                        ? " within that bound." : ".")));
        return state.json();
    }

    private static long parseVersion(String version) {
        try {
            long value = Long.parseLong(version);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("version", "a number of events, at least 1");
    }

    private static Instant parseInstant(String at) {
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw invalid("at", "an ISO-8601 UTC instant, e.g. 2026-01-31T12:00:00Z");
        }
    }

    private static ProblemException invalid(String field, String message) {
        // The shape of every other invalid query parameter of the two APIs (the view reads' BadParameter).
        return new ProblemException(400, "invalid_parameter", "Invalid " + field + ": " + message + ".",
                List.of(new FieldError(field, "invalid_parameter", message)));
    }
}
