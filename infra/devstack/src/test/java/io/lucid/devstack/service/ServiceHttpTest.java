package io.lucid.devstack.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

/** Liveness, readiness and metrics mean what they say, before the service runs, while it lags and once it fails. */
class ServiceHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** A service whose liveness and readiness the test sets. */
    private static final class Fake implements Service {
        volatile boolean live = true;
        volatile Health readiness = new Health(true, "caught up");

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean isLive() {
            return live;
        }

        @Override
        public Health readiness() {
            return readiness;
        }

        @Override
        public void bindMetrics(MeterRegistry registry) {
            Gauge.builder("lucid.projection.lag.records", () -> 3).tag("projection", "nodes").register(registry);
            FunctionCounter.builder("lucid.projection.records", this, f -> 10).tag("projection", "nodes").register(registry);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void livenessAnswersWhileStartingButReadinessWaitsForTheService() throws Exception {
        AtomicReference<Service> service = new AtomicReference<>();
        try (ServiceHttp server = ServiceHttp.start(service::get, "127.0.0.1", 0)) {
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(503);
            service.set(new Fake());
            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readinessIsFalseWhileBehindAndLivenessFalseOnceFailed() throws Exception {
        Fake fake = new Fake();
        try (ServiceHttp server = ServiceHttp.start(() -> fake, "127.0.0.1", 0)) {
            fake.readiness = new Service.Health(false, "nodes 5000 records behind");
            HttpResponse<String> readiness = get(server, "/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"", "nodes 5000 records behind");
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);

            fake.live = false;
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(503);
            fake.readiness = new Service.Health(true, "caught up");
            assertThat(get(server, "/health/readiness").statusCode()).as("a failed service is never ready").isEqualTo(503);
        }
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        try (ServiceHttp server = ServiceHttp.start(Fake::new, "127.0.0.1", 0)) {
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body()).contains(
                    "# TYPE lucid_projection_lag_records gauge\n",
                    "lucid_projection_lag_records{projection=\"nodes\"} 3.0\n",
                    "# TYPE lucid_projection_records_total counter\n",
                    "lucid_projection_records_total{projection=\"nodes\"} 10.0\n",
                    "jvm_memory_used_bytes{");
            assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(ServiceHttp server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
