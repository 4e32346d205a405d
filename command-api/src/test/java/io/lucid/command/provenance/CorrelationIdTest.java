package io.lucid.command.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** One correlation id per request: what the logs carry (CorrelationFilter) is what the events are stored under. */
class CorrelationIdTest {

    @Test
    void keepsAClientsSafeCorrelationId() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/nodes").header(CommandProvenance.CORRELATION_HEADER, "order-42");
        assertThat(CommandProvenance.correlationIdOf(request)).isEqualTo("order-42");
        assertThat(CommandProvenance.of(request, "admin").correlationId()).isEqualTo("order-42");
    }

    @Test
    void generatesOneIdPerRequestAndReusesIt() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/nodes");
        String logged = CommandProvenance.correlationIdOf(request);
        assertThat(logged).isNotBlank();
        assertThat(CommandProvenance.of(request, "admin").correlationId()).isEqualTo(logged);
        assertThat(CommandProvenance.correlationIdOf(HttpRequest.GET("/api/v1/nodes"))).isNotEqualTo(logged);
    }

    @Test
    void replacesAnUnsafeClientIdInsteadOfLoggingIt() {
        HttpRequest<?> request = HttpRequest.GET("/").header(CommandProvenance.CORRELATION_HEADER, "a forged {log} line");
        assertThat(CommandProvenance.correlationIdOf(request)).doesNotContain("forged").hasSize(36);
    }
}
