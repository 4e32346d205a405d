package io.lucid.command.kafka;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/**
 * Makes {@code /health} DOWN while no Kafka broker answers: command-api then cannot accept telemetry or create
 * payouts, and a load balancer should send its traffic elsewhere. One describe-cluster request per check, bounded
 * by {@value #TIMEOUT_MS} ms; the admin client is created on the first check.
 */
@Singleton
final class KafkaHealthIndicator implements HealthIndicator {

    private static final int TIMEOUT_MS = 2_000;

    private final KafkaSettings settings;
    private Admin admin;

    KafkaHealthIndicator(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                .nodes().toCompletionStage().toCompletableFuture()
                .handle((brokers, error) -> error == null && !brokers.isEmpty()
                        ? HealthResult.builder("kafka", HealthStatus.UP).details(Map.of("brokers", brokers.size())).build()
                        : HealthResult.builder("kafka", HealthStatus.DOWN).details(Map.of("error",
                                error == null ? "no broker" : error.getClass().getSimpleName())).build()));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "lucid-command-api-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
