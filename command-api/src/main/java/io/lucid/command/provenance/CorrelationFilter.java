package io.lucid.command.provenance;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;

/**
 * Chooses a request's correlation id before anything else runs ({@link CommandProvenance#correlationIdOf}) and puts
 * it in the logging context as {@code correlation_id}: every line logged while handling the request, on whichever
 * thread, names the conversation the command's events are stored under.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class CorrelationFilter implements Ordered {

    /** The MDC key, also the JSON log field. */
    public static final String MDC_KEY = "correlation_id";

    @RequestFilter
    public void correlate(HttpRequest<?> request, MutablePropagatedContext context) {
        context.add(new MdcPropagationContext(Map.of(MDC_KEY, CommandProvenance.correlationIdOf(request))));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
