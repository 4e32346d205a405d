package io.lucid.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.junit.jupiter.api.Test;

/** Without a reachable broker, a service's health is DOWN (and says why), within the check's time bound. */
class KafkaHealthIndicatorTest {

    @Test
    void isDownWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaHealthIndicator indicator = new KafkaHealthIndicator("127.0.0.1:" + closedPort, "test");
        try {
            long start = System.nanoTime();
            HealthResult result = first(indicator).get(10, TimeUnit.SECONDS);
            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(result.getName()).isEqualTo("kafka");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        } finally {
            indicator.close();
        }
    }

    private static CompletableFuture<HealthResult> first(KafkaHealthIndicator indicator) {
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        indicator.getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                result.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
            }
        });
        return result;
    }
}
