package io.lucid.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.command.auth.AuthController;
import io.lucid.command.pairing.DeviceTokenResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** What the idempotency store keeps of an answer, and what a replay under the same key hands out. */
class IdempotencyFilterTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-device-token.signature";

    private final MemoryStore store = new MemoryStore();
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private final IdempotencyFilter filter = new IdempotencyFilter(store, ObjectMapper.getDefault(), blocking);

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    @Test
    void aReplayOfAnAnswerWithASecretHandsOutEverythingButTheSecret() {
        DeviceTokenResponse answer = new DeviceTokenResponse("device-1", "phone", "ios", "2026-01-01T00:00:00Z", TOKEN,
                "Bearer", "2026-01-02T00:00:00Z", "corr-1");
        AtomicInteger runs = new AtomicInteger();
        FilterContinuation<Publisher<MutableHttpResponse<?>>> next = continuation(() -> {
            runs.incrementAndGet();
            return Redaction.withhold(HttpResponse.created(answer), answer.withoutToken(), "access_token");
        });

        MutableHttpResponse<?> first = send(next);
        MutableHttpResponse<?> replay = send(next);

        assertThat(runs).hasValue(1);
        assertThat(first.getBody().orElseThrow()).isEqualTo(answer);
        assertThat(new String(store.only().body(), StandardCharsets.UTF_8)).doesNotContain(TOKEN).contains("device-1");
        assertThat(replay.code()).isEqualTo(201);
        assertThat(replay.getHeaders().get(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.getHeaders().get(Redaction.HEADER)).isEqualTo("access_token");
        String replayed = new String((byte[]) replay.getBody().orElseThrow(), StandardCharsets.UTF_8);
        assertThat(replayed).doesNotContain(TOKEN).contains("\"device_id\":\"device-1\"", "\"expires_at\"");
    }

    @Test
    void aWithheldBinaryAnswerIsReplayedWithoutABody() {
        byte[] qrCode = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        FilterContinuation<Publisher<MutableHttpResponse<?>>> next = continuation(() -> Redaction.withhold(
                HttpResponse.created(qrCode).header("X-Pairing-Id", "p-1"), null, "qr_code"));

        send(next);
        MutableHttpResponse<?> replay = send(next);

        assertThat(store.only().body()).isNull();
        assertThat(replay.getBody()).isEmpty();
        assertThat(replay.getHeaders().get("X-Pairing-Id")).isEqualTo("p-1");
        assertThat(replay.getHeaders().get(Redaction.HEADER)).isEqualTo("qr_code");
    }

    @Test
    void anAnswerWithoutASecretIsReplayedWhole() {
        AuthController.IssuedToken noSecret = new AuthController.IssuedToken(null, "Bearer", "t-1", "NODE", "n", null, "x");
        FilterContinuation<Publisher<MutableHttpResponse<?>>> next = continuation(() -> HttpResponse.created(noSecret));

        send(next);
        MutableHttpResponse<?> replay = send(next);

        assertThat(replay.getHeaders().contains(Redaction.HEADER)).isFalse();
        assertThat(new String((byte[]) replay.getBody().orElseThrow(), StandardCharsets.UTF_8)).contains("\"token_id\":\"t-1\"");
    }

    private MutableHttpResponse<?> send(FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        HttpRequest<?> request = HttpRequest.POST("/api/v1/pairings/p/complete", "{}").header(IdempotencyFilter.HEADER, "k-1");
        return Mono.from(filter.filter(request, "{}".getBytes(StandardCharsets.UTF_8), next)).block();
    }

    private static FilterContinuation<Publisher<MutableHttpResponse<?>>> continuation(
            java.util.function.Supplier<MutableHttpResponse<?>> controller) {
        return new FilterContinuation<>() {
            @Override
            public FilterContinuation<Publisher<MutableHttpResponse<?>>> request(HttpRequest<?> request) {
                return this;
            }

            @Override
            public Publisher<MutableHttpResponse<?>> proceed() {
                return Mono.fromSupplier(controller);
            }
        };
    }

    /** One scope, keys in memory: claim, complete, release as the JDBC store does. */
    private static final class MemoryStore implements IdempotencyStore {
        private final Map<String, StoredResponse> completed = new ConcurrentHashMap<>();
        private final Map<String, String> hashes = new ConcurrentHashMap<>();

        @Override
        public Claim claim(String scope, String key, String requestHash) {
            String id = scope + "/" + key;
            String previous = hashes.putIfAbsent(id, requestHash);
            if (previous == null) {
                return new Claim.Claimed();
            }
            if (!previous.equals(requestHash)) {
                return new Claim.Reused();
            }
            StoredResponse response = completed.get(id);
            return response == null ? new Claim.InFlight() : new Claim.Completed(response);
        }

        @Override
        public void complete(String scope, String key, StoredResponse response) {
            completed.put(scope + "/" + key, response);
        }

        @Override
        public void release(String scope, String key) {
            hashes.remove(scope + "/" + key);
        }

        StoredResponse only() {
            assertThat(completed).hasSize(1);
            return completed.values().iterator().next();
        }
    }
}
