package io.lucid.query.health;

import io.lucid.query.QueryConfig;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/** {@code /health} reports DOWN unless the Kafka cluster answers a describe-cluster request within 2 seconds. */
@Singleton
public class KafkaHealthIndicator implements HealthIndicator {

    static final String NAME = "kafka";
    private static final int TIMEOUT_MS = 2_000;

    private final String bootstrapServers;
    private volatile Admin admin;

    public KafkaHealthIndicator(QueryConfig config) {
        this.bootstrapServers = config.kafkaBootstrap();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(this::check);
    }

    private CompletableFuture<HealthResult> check() {
        return admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .toCompletionStage().toCompletableFuture()
                .handle((nodes, error) -> error == null && !nodes.isEmpty()
                        ? HealthResult.builder(NAME, HealthStatus.UP).details(Map.of("brokers", nodes.size())).build()
                        : HealthResult.builder(NAME, HealthStatus.DOWN)
                                .details(Map.of("error", error == null ? "no brokers" : error.getClass().getSimpleName()))
                                .build());
    }

    /** Created on first use, so that the service starts without Kafka. */
    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "lucid-query-health",
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    public void close() {
        Admin current = admin;
        if (current != null) {
            current.close(java.time.Duration.ofSeconds(2));
        }
    }
}
