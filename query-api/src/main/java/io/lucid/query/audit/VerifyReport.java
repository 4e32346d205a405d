package io.lucid.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a verify run: what was read and the first problem of each broken aggregate, at most
 * {@link #MAX_PROBLEMS} of them (a report of a store rewritten wholesale stays readable).
 */
final class VerifyReport {

    static final int MAX_PROBLEMS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final List<ChainTracker.Problem> problems = new ArrayList<>();
    private long aggregates;
    private long events;
    private long brokenAggregates;

    VerifyReport(String source) {
        this.source = source;
    }

    /** Adds an aggregate that has been read to its end. */
    void add(ChainTracker tracker) {
        aggregates++;
        events += tracker.events();
        if (tracker.problem() != null) {
            brokenAggregates++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(tracker.problem());
            }
        }
    }

    boolean ok() {
        return brokenAggregates == 0;
    }

    String json() {
        ObjectNode body = JSON.createObjectNode().put("source", source).put("ok", ok()).put("aggregates", aggregates)
                .put("events", events).put("broken_aggregates", brokenAggregates)
                .put("truncated", brokenAggregates > problems.size());
        ArrayNode list = body.putArray("problems");
        for (ChainTracker.Problem p : problems) {
            ObjectNode item = list.addObject().put("aggregate_id", p.aggregateId()).put("aggregate_type", p.aggregateType())
                    .put("kind", p.kind()).put("sequence", p.sequence()).put("event_id", p.eventId())
                    .put("expected", p.expected()).put("found", p.found());
            if (p.location() != null) {
                item.put("location", p.location());
            }
        }
        return body.toString();
    }
}
