package io.lucid.command.provenance;

import io.lucid.schemas.trace.TraceContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.messaging.MetaData;

/**
 * Who issued a command and in which conversation: the actor (the JWT subject), the correlation id (from
 * {@code X-Correlation-Id} or generated) and, for derived work, the causation id. Stored as event
 * metadata so the relay publishes it as CloudEvents extensions. {@code trace} is the span of the request (or of the
 * derived work) that issued the command ({@link TraceFilter}); stored as {@code traceparent}/{@code tracestate}.
 */
public record CommandProvenance(String actor, String correlationId, String causationId, String requestId,
        TraceContext trace) {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    /** The HTTP request a command came with: the events it appends are recorded under it for read-your-writes. */
    public static final String REQUEST_ID = "request_id";
    /** The request attribute holding the correlation id chosen for the request ({@link #correlationIdOf}). */
    public static final String CORRELATION_ATTRIBUTE = "lucid.correlation-id";
    /** The request attribute holding {@link #REQUEST_ID}, read by the position filter. */
    public static final String REQUEST_ATTRIBUTE = "lucid.request-id";

    /** Client-chosen ids are echoed in headers and logs: keep them short and printable. */
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    /** Provenance of work no HTTP request asked for (sweeps, process managers). */
    public CommandProvenance(String actor, String correlationId, String causationId) {
        this(actor, correlationId, causationId, null, null);
    }

    /** Derived work that continues the trace of what caused it ({@code trace} may be null). */
    public CommandProvenance(String actor, String correlationId, String causationId, TraceContext trace) {
        this(actor, correlationId, causationId, null, trace);
    }

    public static CommandProvenance of(HttpRequest<?> request, Authentication principal) {
        return of(request, principal.getName());
    }

    /** For commands whose actor is not a token's subject (e.g. a device proving a pairing's temporary token). */
    public static CommandProvenance of(HttpRequest<?> request, String actor) {
        String correlationId = correlationIdOf(request);
        String requestId = request.getAttribute(REQUEST_ATTRIBUTE, String.class).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            request.setAttribute(REQUEST_ATTRIBUTE, id);
            return id;
        });
        return new CommandProvenance(actor, correlationId, null, requestId, TraceFilter.spanOf(request));
    }

    /**
     * The request's correlation id: the client's {@code X-Correlation-Id} when it is a safe id, else one generated
     * once per request, so the logs and the stored events name the same one.
     */
    public static String correlationIdOf(HttpRequest<?> request) {
        return request.getAttribute(CORRELATION_ATTRIBUTE, String.class).orElseGet(() -> {
            String id = request.getHeaders().get(CORRELATION_HEADER);
            if (id == null || !SAFE_ID.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            request.setAttribute(CORRELATION_ATTRIBUTE, id);
            return id;
        });
    }

    public MetaData metaData() {
        Map<String, String> values = new java.util.HashMap<>(Map.of(ACTOR, actor, CORRELATION_ID, correlationId));
        if (causationId != null) {
            values.put(CAUSATION_ID, causationId);
        }
        if (requestId != null) {
            values.put(REQUEST_ID, requestId);
        }
        if (trace != null) {
            values.put(TraceContext.TRACEPARENT, trace.traceparent());
            if (trace.traceState() != null) {
                values.put(TraceContext.TRACESTATE, trace.traceState());
            }
        }
        return MetaData.from(values);
    }
}
