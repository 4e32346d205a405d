package io.lucid.streams.pool;

import io.lucid.streams.deadletter.ContractViolation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * On each partition of an input topic: passes the records pools consume on, with their own event time as record
 * time, towards the single pool partition. Records of a type the topic should not carry are dead letters here,
 * where their source is still known.
 */
final class PoolIntake extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    private final String topic;

    PoolIntake(String topic) {
        this.topic = topic;
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value != null && PoolInputs.IGNORED.contains(value.getClass())) {
            return;
        }
        var time = value == null ? null : PoolInputs.EVENT_TIME.get(value.getClass());
        if (time == null) {
            throw new ContractViolation("unexpected-record", "pools do not take "
                    + (value == null ? "a null value" : value.getSchema().getFullName()) + " from " + topic);
        }
        context().forward(record.withTimestamp(time.applyAsLong(value)));
    }
}
