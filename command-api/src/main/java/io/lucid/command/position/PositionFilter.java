package io.lucid.command.position;

import io.lucid.command.provenance.CommandProvenance;
import io.lucid.schemas.position.Position;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every successful command response the position of what it stored (read-your-writes, docs/read-models.md):
 * the header {@value Position#HEADER} and, when the body is a JSON object, a {@code position} field. A query-api
 * read given that position answers only once its view has applied it.
 */
@ServerFilter("/api/v1/**")
public final class PositionFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PositionFilter.class);
    static final String FIELD = "position";

    private final PositionRecorder recorder;
    private final JsonMapper json;

    PositionFilter(PositionRecorder recorder, JsonMapper json) {
        this.recorder = recorder;
        this.json = json;
    }

    @ResponseFilter
    public void addPosition(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<String> requestId = request.getAttribute(CommandProvenance.REQUEST_ATTRIBUTE, String.class);
        if (requestId.isEmpty()) {
            return;
        }
        Optional<Position> position = recorder.take(requestId.get());
        if (position.isEmpty() || response.code() >= 300) {
            return;
        }
        String token = position.get().encode();
        response.header(Position.HEADER, token);
        response.getBody().ifPresent(body -> withField(response, body, token));
    }

    @SuppressWarnings("unchecked")
    private void withField(MutableHttpResponse<?> response, Object body, String token) {
        if (body instanceof CharSequence || body instanceof byte[]) {
            return;
        }
        try {
            Object tree = json.readValue(json.writeValueAsBytes(body), Argument.OBJECT_ARGUMENT);
            if (tree instanceof Map<?, ?> map) {
                Map<String, Object> withPosition = new LinkedHashMap<>((Map<String, Object>) map);
                withPosition.put(FIELD, token);
                ((MutableHttpResponse<Object>) response).body(withPosition);
            }
        } catch (IOException e) {
            LOG.debug("Response body of type {} left without a position field: {}", body.getClass().getName(),
                    e.toString());
        }
    }
}
