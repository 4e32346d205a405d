package io.lucid.kit.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception no other handler claims. When its causes show that the database could not be reached (no connection
 * within the pool's timeout, a connection lost or refused, the server shutting down or starting up) the request is
 * answered 503 {@code unavailable} with {@code Retry-After}: nothing was stored, and the same request will succeed
 * once PostgreSQL is back (docs/reliability.md). A charset in Content-Type that the JVM does not know is a 415. Anything
 * else is the 500 it always was, logged with its stack trace.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON_PROBLEM)
public final class DatabaseUnavailableHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    /** Seconds a client should wait: about one restart of PostgreSQL. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (isUnknownCharset(exception)) {
            // Content-Type named a charset this JVM does not have, found when the body was decoded: the client's
            // mistake, and nothing was read.
            return Problems.response(415, ProblemCodes.of(415),
                    "The charset named in Content-Type is not supported; send JSON as UTF-8.");
        }
        if (isDatabaseUnavailable(exception)) {
            LOG.warn("{} {}: the database is unavailable ({}); answered 503", request.getMethod(), request.getPath(),
                    rootMessage(exception));
            return Problems.response(503, ProblemCodes.of(503), ProblemCodes.fixedDetail(503))
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problems.response(500, ProblemCodes.of(500), ProblemCodes.fixedDetail(500));
    }

    /**
     * Whether a cause says the database cannot be reached: Hikari's timeout, or a SQL state of class 08 (connection
     * exception) or 57P (operator intervention: shutdown, crash, cannot connect now).
     */
    public static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnknownCharset(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalCharsetNameException
                    || cause instanceof UnsupportedCharsetException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
