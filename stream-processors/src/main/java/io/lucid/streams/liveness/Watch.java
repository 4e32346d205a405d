package io.lucid.streams.liveness;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one liveness processor watches: which records start, stop or end monitoring or are reports, the timeout,
 * and the records to publish when something falls silent and when it reports again.
 *
 * @param topic   the output topic (from the catalogue)
 * @param store   the state store of the {@link Tracked} subjects
 * @param signals for each accepted record type, what it means and its event time
 */
record Watch(String name, String topic, String store, Duration timeout, Map<Class<?>, Function<SpecificRecord, Signal>> signals,
        Verdicts verdicts) {

    enum Kind { START, STOP, FORGET, REPORT, IGNORE }

    /** What a record means for its subject's presence. */
    record Signal(Kind kind, String subject, long at) {
    }

    /** The records published on a verdict change. */
    interface Verdicts {
        SpecificRecord lost(String subject, Presence presence, Duration timeout, long detectedAt);

        SpecificRecord back(String subject, Presence presence, long reportAt);
    }
}
