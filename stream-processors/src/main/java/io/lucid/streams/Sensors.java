package io.lucid.streams;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counters the processors record in Kafka Streams' own metrics registry, so they are reported with the
 * application's other metrics (JMX, {@code KafkaStreams#metrics()}). Each is a rate and a total in the group
 * {@code stream-lucid-metrics}, tagged with the task and the processor.
 */
public final class Sensors {

    public static final String GROUP = "stream-lucid-metrics";
    /** Proofs of an epoch that was already closed: they change nothing. */
    public static final String LATE_PROOFS = "late-proofs";
    /** Proofs delivered again (the relay delivers at least once): counted once. */
    public static final String DUPLICATE_PROOFS = "duplicate-proofs";

    private Sensors() {
    }

    public static Sensor counter(ProcessingContext context, String processor, String name) {
        return context.metrics().addRateTotalSensor("lucid", context.taskId() + "." + processor, name,
                Sensor.RecordingLevel.INFO);
    }
}
