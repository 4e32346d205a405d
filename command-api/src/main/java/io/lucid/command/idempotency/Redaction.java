package io.lucid.command.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/**
 * Marks an answer that hands out a secret (a temporary pairing token, its QR code, an access token) so that what
 * the idempotency store keeps, and a replay under the same key answers, is the answer without the secret
 * (docs/adr/0044-idempotent-replays-without-secrets.md). Whoever holds an {@code Idempotency-Key} must not be able
 * to fetch the secret again, and the database must not hold it for the retention period. A controller calls
 * {@link #withhold} with the body as it may be replayed (secret fields null; null for no body at all).
 */
public final class Redaction {

    /** On a replay: the secret fields left out, comma-separated (a stable marker clients can branch on). */
    public static final String HEADER = "Idempotent-Redacted";
    static final String ATTRIBUTE = Redaction.class.getName();

    /** The answer to keep instead of the one sent, and the names of the fields it leaves out. */
    record Withheld(@Nullable Object body, List<String> fields) {
    }

    private Redaction() {
    }

    /** Keeps {@code replayBody} for replays of {@code response} instead of its body; {@code fields} name the secrets. */
    public static <T> MutableHttpResponse<T> withhold(MutableHttpResponse<T> response, @Nullable Object replayBody,
            String... fields) {
        response.setAttribute(ATTRIBUTE, new Withheld(replayBody, List.of(fields)));
        return response;
    }

    static java.util.Optional<Withheld> of(MutableHttpResponse<?> response) {
        return response.getAttribute(ATTRIBUTE, Withheld.class);
    }
}
