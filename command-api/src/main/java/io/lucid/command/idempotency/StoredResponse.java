package io.lucid.command.idempotency;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * The first final answer to an idempotent request, kept to be replayed byte for byte.
 *
 * @param status      HTTP status
 * @param contentType the body's media type, null without a body
 * @param headers     the headers worth replaying (Location, X-Correlation-Id, ...)
 * @param body        the encoded body, null without one
 */
public record StoredResponse(int status, @Nullable String contentType, Map<String, String> headers, @Nullable byte[] body) {
}
