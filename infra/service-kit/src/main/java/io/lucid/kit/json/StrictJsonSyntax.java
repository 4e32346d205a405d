package io.lucid.kit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Optional;

/**
 * The JSON syntax both APIs accept: exactly one JSON value, nothing after it but white space, no object with a key
 * twice. Jackson (under Micronaut's binding) stops reading after the first value and lets the first of two equal
 * keys win, so {@code {"a":1} garbage} or {@code {"name":"x","name":"y"}} would be stored as something the client
 * may not have meant. Framework-free: the HTTP filter and any other reader of client JSON (WebSocket frames) use it.
 */
public final class StrictJsonSyntax {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJsonSyntax() {
    }

    /** Why {@code json} is not one well-formed JSON value, or empty when it is. */
    public static Optional<String> violation(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                return Optional.of("the body is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return Optional.of("unexpected content after the JSON value at offset "
                        + parser.currentTokenLocation().getByteOffset());
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            // The original message only: its location suffix names the parser's source object.
            return Optional.of("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Optional.of("malformed JSON");
        }
    }
}
