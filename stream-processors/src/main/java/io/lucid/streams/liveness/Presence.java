package io.lucid.streams.liveness;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Whether something that should report regularly still does: a node's heartbeats (300 s) or a RUNNING RDP server's
 * health reports (90 s). Immutable; each transition returns the next state.
 *
 * <p>Reports and the start of monitoring carry event time. {@link #timedOut} is given wall-clock time: absence
 * cannot be observed in event time, since no event arrives to move it on. This is the one place where the stream
 * processors read a clock.
 *
 * @param monitored  whether absence counts now (node ACTIVE, server RUNNING)
 * @param since      event time monitoring last started (the silence is measured from here before the first report)
 * @param lastReport event time of the latest report, {@link Long#MIN_VALUE} before any
 * @param alive      the verdict last published (true until a timeout is seen)
 */
public record Presence(boolean monitored, long since, long lastReport, boolean alive) {

    public static Presence initial() {
        return new Presence(false, Long.MIN_VALUE, Long.MIN_VALUE, true);
    }

    /** Monitoring starts (activation, server running): a node just activated gets the whole timeout to report. */
    public Presence start(long at) {
        return new Presence(true, at, lastReport, alive);
    }

    /** Monitoring stops; the verdict is kept, so a node that comes back unhealthy is healthy again on its next report. */
    public Presence stop() {
        return new Presence(false, since, lastReport, alive);
    }

    /** A report: the verdict is alive again. */
    public Presence report(long at) {
        return new Presence(monitored, since, Math.max(lastReport, at), true);
    }

    public OptionalLong lastReported() {
        return lastReport == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastReport);
    }

    /** Monitored, not yet flagged, and silent for at least {@code timeout} before {@code wallClockNow}. */
    public boolean timedOut(long wallClockNow, Duration timeout) {
        return monitored && alive && wallClockNow - Math.max(since, lastReport) >= timeout.toMillis();
    }

    public Presence lost() {
        return new Presence(monitored, since, lastReport, false);
    }
}
