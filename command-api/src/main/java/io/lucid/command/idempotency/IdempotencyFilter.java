package io.lucid.command.idempotency;

import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code Idempotency-Key} for every POST of command-api (docs/adr/0004-idempotency-keys.md). Per principal, the
 * same key with the same request (method, path and body) answers the first final response again without running
 * the command; with another request it answers 422 {@code idempotency_key_reused}; while the first is still
 * running it answers 409 {@code idempotency_key_in_flight} with {@code Retry-After: 1}. Every final answer is
 * kept except 5xx, which are not final (the command changed nothing and may be retried with the same key).
 * An answer that hands out a secret is kept, and replayed, without it ({@link Redaction}).
 * Runs after authentication and the rate limits; its PostgreSQL work runs on the blocking executor.
 */
@ServerFilter("/api/**")
final class IdempotencyFilter implements Ordered {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Headers a replay must carry again; the rest are re-derived by the server. */
    static final List<String> KEPT_HEADERS = List.of("Location", "X-Correlation-Id", "X-Pairing-Id",
            "X-Pairing-Expires-At", "Retry-After");
    static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final Scheduler blocking;

    IdempotencyFilter(IdempotencyStore store, JsonMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.json = json;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 20;
    }

    /**
     * Requests without the header pass straight on, on the event loop; with it, the store is consulted on a blocking
     * thread and the response recorded there before it is sent.
     */
    @RequestFilter(methods = HttpMethod.POST)
    public Publisher<MutableHttpResponse<?>> filter(HttpRequest<?> request, @Nullable @Body byte[] body,
            FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        String key = request.getHeaders().get(HEADER);
        if (key == null) {
            return next.proceed();
        }
        if (!validKey(key)) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "invalid_idempotency_key",
                    HEADER + " must be 1-" + MAX_KEY_LENGTH + " printable ASCII characters"));
        }
        String scope = request.getUserPrincipal().map(Principal::getName).orElse("anonymous");
        String hash = RequestHash.of(request.getMethodName(), request.getUri().toString(), body);
        return Mono.fromCallable(() -> store.claim(scope, key, hash))
                .subscribeOn(blocking)
                .flatMap(claim -> answer(claim, scope, key, next));
    }

    private Mono<MutableHttpResponse<?>> answer(IdempotencyStore.Claim claim, String scope, String key,
            FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        if (claim instanceof IdempotencyStore.Claim.Reused) {
            return Mono.just(problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                    "this " + HEADER + " was used for a different request"));
        }
        if (claim instanceof IdempotencyStore.Claim.InFlight) {
            return Mono.just(problem(HttpStatus.CONFLICT, "idempotency_key_in_flight",
                    "a request with this " + HEADER + " is still being processed; retry shortly").header("Retry-After", "1"));
        }
        if (claim instanceof IdempotencyStore.Claim.Completed completed) {
            return Mono.just(replay(completed.response()));
        }
        Mono<MutableHttpResponse<?>> executed = Mono.from(next.proceed());
        return executed
                .publishOn(blocking)
                .doOnNext(response -> record(scope, key, response))
                .doOnError(error -> store.release(scope, key));
    }

    /**
     * Keeps a final answer, releases the key after a 5xx. The command has run either way, so a failure to keep the
     * answer must not turn it into an error: the claim stays IN_FLIGHT and expires (ADR 0004).
     */
    private void record(String scope, String key, MutableHttpResponse<?> response) {
        try {
            if (response.code() >= 500) {
                store.release(scope, key);
            } else {
                store.complete(scope, key, capture(response));
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot keep the answer to idempotency key {} of {}: {}", key, scope, e.getMessage());
        }
    }

    /** What is kept of an answer: an answer with a secret only as {@link Redaction} says (never the secret). */
    StoredResponse capture(MutableHttpResponse<?> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            response.getHeaders().getFirst(name).ifPresent(value -> headers.put(name, value));
        }
        Optional<Redaction.Withheld> withheld = Redaction.of(response);
        withheld.ifPresent(w -> headers.put(Redaction.HEADER, String.join(",", w.fields())));
        Object body = withheld.isPresent() ? withheld.get().body() : response.getBody().orElse(null);
        String contentType = body == null ? null : withheld.isPresent() ? MediaType.APPLICATION_JSON
                : response.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_JSON);
        return new StoredResponse(response.code(), contentType, headers, encode(body));
    }

    private byte[] encode(Object body) {
        if (body == null || body instanceof byte[]) {
            return (byte[]) body;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the response of an idempotent request", e);
        }
    }

    private static MutableHttpResponse<?> replay(StoredResponse stored) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(stored.status()));
        stored.headers().forEach(response::header);
        response.header(REPLAYED_HEADER, "true");
        if (stored.body() != null) {
            response.body(stored.body());
            response.contentType(stored.contentType() == null ? MediaType.APPLICATION_JSON : stored.contentType());
        }
        return response;
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String code, String detail) {
        return Problems.response(status.getCode(), code, detail);
    }

    static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
