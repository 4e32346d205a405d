package io.lucid.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.lucid.registry.Route.Reply;
import io.lucid.registry.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request to its {@link Route} and turns failures into Confluent error bodies
 * ({@code {"error_code":N,"message":"..."}}). Unexpected failures are logged here and answered with 50001 and
 * a generic message: a stack trace never leaves the server.
 */
final class RegistryHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);

    private final List<Route> routes;

    RegistryHandler(List<Route> routes) {
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            HttpCall call = HttpCall.of(exchange);
            Reply reply;
            try {
                reply = dispatch(call);
            } catch (RegistryException e) {
                reply = error(e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (StoreException e) {
                LOG.error("Registry log failure on {} {}", call.method, exchange.getRequestURI(), e);
                reply = error(500, 50001, "Error while writing to the schema log; retry later");
            } catch (RuntimeException e) {
                LOG.error("Internal error on {} {}", call.method, exchange.getRequestURI(), e);
                reply = error(500, 50001, "Internal server error");
            }
            send(exchange, call.responseType(), reply);
        } catch (IOException | RuntimeException e) {
            // The client went away or sent something unparseable at the HTTP level; nobody is left to answer.
            LOG.debug("Request on {} aborted: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private Reply dispatch(HttpCall call) {
        boolean pathMatched = false;
        for (Route route : routes) {
            List<String> params = route.match(call.segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(call.method)) {
                return route.endpoint().handle(call.withParams(params));
            }
        }
        return pathMatched ? error(405, 405, "HTTP 405 Method Not Allowed") : error(404, 404, "HTTP 404 Not Found");
    }

    private static Reply error(int status, int errorCode, String message) {
        return new Reply(status, Json.bytes(Json.object().put("error_code", errorCode).put("message", message)));
    }

    private static void send(HttpExchange exchange, String contentType, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
