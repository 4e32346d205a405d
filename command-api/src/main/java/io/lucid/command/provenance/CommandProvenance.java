package io.lucid.command.provenance;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.messaging.MetaData;

/**
 * Who issued a command and in which conversation: the actor (the JWT subject), the correlation id (from
 * {@code X-Correlation-Id} or generated) and, for derived work, the causation id. Stored as event
 * metadata so the relay publishes it as CloudEvents extensions.
 */
public record CommandProvenance(String actor, String correlationId, String causationId) {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";

    /** Client-chosen ids are echoed in headers and logs: keep them short and printable. */
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    public static CommandProvenance of(HttpRequest<?> request, Authentication principal) {
        return of(request, principal.getName());
    }

    /** For commands whose actor is not a token's subject (e.g. a device proving a pairing's temporary token). */
    public static CommandProvenance of(HttpRequest<?> request, String actor) {
        String correlationId = request.getHeaders().get(CORRELATION_HEADER);
        if (correlationId == null || !SAFE_ID.matcher(correlationId).matches()) {
            correlationId = UUID.randomUUID().toString();
        }
        return new CommandProvenance(actor, correlationId, null);
    }

    public MetaData metaData() {
        return causationId == null
                ? MetaData.from(Map.of(ACTOR, actor, CORRELATION_ID, correlationId))
                : MetaData.from(Map.of(ACTOR, actor, CORRELATION_ID, correlationId, CAUSATION_ID, causationId));
    }
}
