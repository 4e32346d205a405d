package io.lucid.kit.health;

import io.micronaut.context.annotation.Property;
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
 * Makes {@code /health} DOWN while no Kafka broker answers a describe-cluster request within {@value #TIMEOUT_MS}
 * ms: the service then cannot do its work (telemetry, payouts, live updates) and a load balancer should send its
 * traffic elsewhere. The admin client is created on the first check, so the service starts without Kafka.
 */
@Singleton
public final class KafkaHealthIndicator implements HealthIndicator {

    /** The one name of the bootstrap servers setting in every service ({@code LUCID_KAFKA_BOOTSTRAP}). */
    public static final String BOOTSTRAP_PROPERTY = "lucid.kafka-bootstrap";
    static final String NAME = "kafka";
    private static final int TIMEOUT_MS = 2_000;

    private final String bootstrapServers;
    private final String clientId;
    private Admin admin;

    KafkaHealthIndicator(@Property(name = BOOTSTRAP_PROPERTY) String bootstrapServers,
            @Property(name = "micronaut.application.name") String application) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = "lucid-" + application + "-health";
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(this::check);
    }

    private CompletableFuture<HealthResult> check() {
        return admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .toCompletionStage().toCompletableFuture()
                .handle((brokers, error) -> error == null && !brokers.isEmpty()
                        ? HealthResult.builder(NAME, HealthStatus.UP).details(Map.of("brokers", brokers.size())).build()
                        : HealthResult.builder(NAME, HealthStatus.DOWN).details(Map.of("error",
                                error == null ? "no broker" : error.getClass().getSimpleName())).build());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000));
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
