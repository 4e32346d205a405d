package io.lucid.query.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The outgoing frames of one connection: at most one frame in flight, the rest pending in order. States are
 * coalesced per key (channel and entity), newest wins, and the newest moves to the end, so a slow client gets the
 * latest state rather than every intermediate one and a channel's versions still rise along the queue. When more
 * than {@code capacity} frames stay pending for the grace period anyway (or twice the capacity are pending), the
 * client is not keeping up: the connection is closed with {@value #SLOW_CONSUMER_CODE} instead of buffering
 * without bound or dropping a state.
 */
public final class SendQueue {

    public static final int DEFAULT_CAPACITY = 256;
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    public static final int SLOW_CONSUMER_CODE = 4408;
    public static final String SLOW_CONSUMER_REASON = "slow consumer";

    private final FrameSink sink;
    private final FrameCodec codec;
    private final int capacity;
    private final Duration grace;
    private final Clock clock;
    private final LinkedHashMap<Object, ServerFrame> pending = new LinkedHashMap<>();
    private Instant fullSince;
    private int closeCode;
    private String closeReason;
    private boolean inFlight;
    private boolean draining;
    private boolean closed;

    public SendQueue(FrameSink sink, FrameCodec codec, int capacity) {
        this(sink, codec, capacity, DEFAULT_GRACE, Clock.systemUTC());
    }

    public SendQueue(FrameSink sink, FrameCodec codec, int capacity, Duration grace, Clock clock) {
        this.sink = sink;
        this.codec = codec;
        this.capacity = capacity;
        this.grace = grace;
        this.clock = clock;
    }

    /** Queues a frame that is never coalesced (answers, errors). */
    public synchronized void send(ServerFrame frame) {
        enqueue(new Object(), frame);
    }

    /** Queues a state under its coalescing key; a pending state with the same key is replaced in place. */
    public synchronized void sendState(String key, ServerFrame.State state) {
        if (pending.get(key) instanceof ServerFrame.State previous) {
            pending.remove(key);
            pending.put(key, previous.coalesce(state));
            LiveMetrics.COALESCED.increment();
            return;
        }
        enqueue(key, state);
    }

    /** Closes a client whose queue has stayed over capacity for the grace period; called on a timer too. */
    public synchronized void checkSlow() {
        if (fullSince != null && !clock.instant().isBefore(fullSince.plus(grace))) {
            closeNow(SLOW_CONSUMER_CODE, SLOW_CONSUMER_REASON);
        }
    }

    /** Drops the pending states whose key starts with {@code keyPrefix} (an unsubscribed channel). */
    public synchronized void discard(String keyPrefix) {
        pending.keySet().removeIf(key -> key instanceof String text && text.startsWith(keyPrefix));
    }

    /** Sends what is pending, then closes the connection. */
    public synchronized void closeAfterPending(int code, String reason) {
        if (closed || closeReason != null) {
            return;
        }
        closeCode = code;
        closeReason = reason;
        drain();
    }

    /** Drops what is pending and closes the connection at once. */
    public synchronized void closeNow(int code, String reason) {
        if (!closed) {
            shutdown();
            sink.close(code, reason);
        }
    }

    /** The connection is gone: drop everything, send nothing more. */
    public synchronized void shutdown() {
        closed = true;
        LiveMetrics.DROPPED.add(pending.size());
        pending.clear();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private void enqueue(Object key, ServerFrame frame) {
        if (closed || closeReason != null) {
            return;
        }
        if (pending.size() >= 2 * capacity) {
            closeNow(SLOW_CONSUMER_CODE, SLOW_CONSUMER_REASON);
            return;
        }
        pending.put(key, frame);
        if (pending.size() > capacity && fullSince == null) {
            fullSince = clock.instant();
        }
        drain();
        checkSlow();
    }

    /** Sends the next frame when none is in flight; loops instead of recursing when sends complete at once. */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!inFlight && !closed) {
                if (pending.isEmpty()) {
                    closeIfRequested();
                    return;
                }
                Iterator<Map.Entry<Object, ServerFrame>> first = pending.entrySet().iterator();
                ServerFrame frame = first.next().getValue();
                first.remove();
                if (pending.size() <= capacity) {
                    fullSince = null;
                }
                inFlight = true;
                CompletionStage<?> write = frame instanceof ServerFrame.State state && state.utf8() != null
                        ? sink.send(state.text(), state.utf8())
                        : sink.send(codec.encode(frame));
                write.whenComplete((ignored, error) -> sent(error));
            }
        } finally {
            draining = false;
        }
    }

    private synchronized void sent(Throwable error) {
        inFlight = false;
        if (error != null) {
            // The socket failed: the session's close callback releases the connection.
            shutdown();
            return;
        }
        drain();
    }

    private void closeIfRequested() {
        if (closeReason != null) {
            closed = true;
            sink.close(closeCode, closeReason);
        }
    }
}
