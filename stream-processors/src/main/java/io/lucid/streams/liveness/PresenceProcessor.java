package io.lucid.streams.liveness;

import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.deadletter.ContractViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Liveness of nodes or RDP servers ({@link Watch}), on the co-partitioned lifecycle and telemetry topics (both keyed
 * by the subject's id). Lifecycle events start and stop monitoring, reports keep the subject alive, and a
 * wall-clock punctuation flags every monitored subject that stayed silent for the timeout; its next report clears
 * the flag. Wall-clock time enters the stream processors here only: see {@link Presence}.
 */
final class PresenceProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    private final Watch watch;
    private final Duration checkInterval;
    private KeyValueStore<String, Tracked> tracked;

    PresenceProcessor(Watch watch, Duration checkInterval) {
        this.watch = watch;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        tracked = context.getStateStore(watch.store());
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::checkSilence);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Function<SpecificRecord, Watch.Signal> reading = record.value() == null ? null
                : watch.signals().get(record.value().getClass());
        if (reading == null) {
            throw new ContractViolation("unexpected-record", watch.name() + " does not take " + record.value());
        }
        Watch.Signal signal = reading.apply(record.value());
        if (signal.kind() == Watch.Kind.IGNORE) {
            return;
        }
        if (!signal.subject().equals(record.key())) {
            // Lifecycle and telemetry meet in one task only if both are keyed by the subject.
            throw new ContractViolation("wrong-key", "record of " + signal.subject() + " keyed " + record.key());
        }
        Tracked current = tracked.get(signal.subject());
        current = current == null ? Tracked.NEW : current;
        Presence p = current.presence();
        switch (signal.kind()) {
            case START -> tracked.put(signal.subject(), current.with(p.start(signal.at())));
            case STOP -> tracked.put(signal.subject(), current.with(p.stop()));
            case FORGET -> tracked.delete(signal.subject());
            case REPORT -> report(signal, current, record);
            default -> throw new IllegalStateException(signal.kind().name());
        }
    }

    private void report(Watch.Signal signal, Tracked current, Record<String, SpecificRecord> cause) {
        Presence next = current.presence().report(signal.at());
        if (current.presence().alive()) {
            tracked.put(signal.subject(), current.with(next));
            return;
        }
        SpecificRecord back = watch.verdicts().back(signal.subject(), next, signal.at());
        publish(signal.subject(), back, current.published(), signal.at(), cause);
        tracked.put(signal.subject(), current.with(next).publishedOne());
    }

    /** Wall-clock punctuation: the silence of a monitored subject cannot be seen in event time. */
    private void checkSilence(long wallClockNow) {
        List<KeyValue<String, Tracked>> silent = new ArrayList<>();
        try (KeyValueIterator<String, Tracked> it = tracked.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value.presence().timedOut(wallClockNow, watch.timeout())) {
                    silent.add(entry);
                }
            });
        }
        for (KeyValue<String, Tracked> entry : silent) {
            Presence lost = entry.value.presence().lost();
            SpecificRecord verdict = watch.verdicts().lost(entry.key, lost, watch.timeout(), wallClockNow);
            publish(entry.key, verdict, entry.value.published(), wallClockNow, null);
            tracked.put(entry.key, entry.value.with(lost).publishedOne());
        }
    }

    private void publish(String subject, SpecificRecord value, long sequence, long time,
            Record<String, SpecificRecord> cause) {
        context().forward(new Record<>(subject, value, time, DerivedHeaders.of(watch.topic(), "liveness", value, subject,
                sequence, time, cause == null ? null : cause.headers())));
    }
}
