package io.lucid.devstack.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps two retried produce errors of transactional producers out of the WARN log.
 *
 * <p>Every stream processor commits a Kafka transaction each commit interval. When its next transaction writes to a
 * partition before the broker has finished writing the previous transaction's markers there, the broker answers
 * {@code CONCURRENT_TRANSACTIONS}, and the batches already in flight behind it come back
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER}. The producer's {@code Sender} re-sends them all and logs each at WARN with
 * "retrying": the normal rhythm of exactly-once processing on a busy machine, not something an operator can act on.
 * Only those two errors, and only when the line says the batch is being retried, are dropped: when the retries do run
 * out the send fails, the stream thread reports it at ERROR, and every other Sender warning still shows.
 */
public final class RetriedTransactionalSends extends TurboFilter {

    static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final List<String> RETRIED_IN_TRANSACTIONS = List.of("CONCURRENT_TRANSACTIONS",
            "OUT_OF_ORDER_SEQUENCE_NUMBER");
    private static final String ERROR_PREFIX = "Error: ";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable thrown) {
        if (level != Level.WARN || logger == null || !SENDER.equals(logger.getName()) || format == null
                || !format.contains(", retrying (")) {
            return FilterReply.NEUTRAL;
        }
        // Kafka's own logger (LogContext) formats the line itself when the logger is location-aware, as logback's
        // is, and passes no arguments: the error is then the text after the last "Error: ". Otherwise it is the last
        // argument. Either way it may be followed by ". Error Message: ...".
        String error;
        if (params != null && params.length > 0) {
            error = String.valueOf(params[params.length - 1]);
        } else {
            int at = format.lastIndexOf(ERROR_PREFIX);
            if (at < 0) {
                return FilterReply.NEUTRAL;
            }
            error = format.substring(at + ERROR_PREFIX.length());
        }
        if (RETRIED_IN_TRANSACTIONS.stream().anyMatch(error::startsWith)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
