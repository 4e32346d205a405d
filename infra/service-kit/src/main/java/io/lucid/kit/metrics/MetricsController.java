package io.lucid.kit.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code GET /metrics} of both APIs in the Prometheus text format, the same path the worker services serve: the
 * Micrometer registry Micronaut binds (HTTP server requests per route and status, JVM, Hikari, and what each API
 * registers: Axon command handling, WebSocket and rate-limit meters). Anonymous like {@code /health}, so a scraper
 * needs no token; the deployment routes only {@code /api} and {@code /ws} from outside (docs/operations.md).
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
final class MetricsController {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(CONTENT_TYPE);
    }
}
