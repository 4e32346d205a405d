package io.lucid.command.telemetry;

import io.lucid.kit.problem.Problems;
import io.lucid.command.provenance.CommandProvenance;
import io.micronaut.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the broker's answer to a telemetry record into the HTTP answer: 202 once acknowledged, else 503. */
final class TelemetryResponses {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryResponses.class);

    private TelemetryResponses() {
    }

    static CompletableFuture<HttpResponse<?>> when(CompletableFuture<Void> acknowledged, String id, Instant receivedAt,
            CommandProvenance provenance) {
        return acknowledged.handle((ok, error) -> {
            if (error != null) {
                LOG.warn("telemetry of {} not acknowledged by Kafka: {}", id, error.toString());
                return Problems.response(503, "unavailable",
                                "the report could not be stored; it was not recorded. Retry later.")
                        .header("Retry-After", "5");
            }
            return HttpResponse.accepted()
                    .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId())
                    .body(new TelemetryAccepted(id, receivedAt, provenance.correlationId()));
        });
    }
}
