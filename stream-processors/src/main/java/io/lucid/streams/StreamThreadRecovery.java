package io.lucid.streams;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Kafka Streams application does when a stream thread dies on an error: it starts a new thread in its
 * place, up to {@link #BUDGET} times within {@link #WINDOW}, and shuts the client down after that (liveness then
 * fails and the process exits, for its orchestrator to restart it).
 *
 * <p>Why replace: the errors that kill a thread in practice are the broker's, not ours. When the transaction
 * coordinator moves (a broker or the controller of a cluster fails over), a commit can fail with
 * {@code InvalidTxnStateException}; a new thread gets a new producer and its tasks resume from the last committed
 * transaction, so under exactly-once nothing is lost or written twice. Shutting the client down on the first such
 * error stopped an application for good while the rest of the stack carried on. Why a budget: an error that comes
 * back at once (a defect in a processor) must not turn into an endless loop of replacements.
 */
final class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    static final int BUDGET = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadRecovery.class);

    private final String application;
    private final InstantSource clock;
    private final Deque<Instant> replaced = new ArrayDeque<>();

    StreamThreadRecovery(String application, InstantSource clock) {
        this.application = application;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!replaced.isEmpty() && replaced.peekFirst().isBefore(now.minus(WINDOW))) {
            replaced.removeFirst();
        }
        if (replaced.size() >= BUDGET) {
            LOG.error("stream processor {} stopped: a stream thread died again after {} replacements within {} min",
                    application, replaced.size(), WINDOW.toMinutes(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replaced.addLast(now);
        LOG.error("stream processor {} lost a stream thread on an error; a new one takes its tasks over ({} of {}"
                + " within {} min)", application, replaced.size(), BUDGET, WINDOW.toMinutes(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
