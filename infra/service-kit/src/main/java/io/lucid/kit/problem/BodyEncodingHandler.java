package io.lucid.kit.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * A body whose {@code Content-Encoding} (gzip, deflate) does not match its bytes is the client's mistake: 400
 * {@code malformed_request}, not the 500 the server's decompressor would otherwise cause. A correctly encoded body is
 * decoded by the server and read as usual (docs/security.md).
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class BodyEncodingHandler implements ExceptionHandler<DecompressionException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DecompressionException exception) {
        // The decoder has already dropped the Content-Encoding header by now, so the detail cannot name it.
        return Problems.response(400, ProblemCodes.MALFORMED_REQUEST,
                "the body does not decode as its Content-Encoding says");
    }
}
