package io.lucid.schemas.topic;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the catalogue: its name, partitioning, retention, serdes and the contract it carries (what
 * the key is, which record types travel on it). Producers, consumers, topologies and tests take topics from
 * {@link Topics}; no other code spells a topic name. The generated event catalogue and AsyncAPI document are
 * rendered from these fields.
 *
 * @param <K> key type (the aggregate or entity id)
 * @param <V> value type: an Avro record in the Confluent wire format
 * @param name the topic name
 * @param partitions partitions when the topic is created
 * @param retention retention or compaction
 * @param keySerde serde of the key
 * @param valueType the value's Java type ({@link SpecificRecord} when several record types share the topic)
 * @param keyDescription what the key holds, for readers of the topic
 * @param description what the topic is for
 * @param records every record type written to the topic
 */
public record Topic<K, V extends SpecificRecord>(
        String name, int partitions, Retention retention, Serde<K> keySerde, Class<V> valueType,
        String keyDescription, String description, List<Class<? extends SpecificRecord>> records) {

    public Topic {
        records = List.copyOf(records);
        for (Class<? extends SpecificRecord> type : records) {
            if (!valueType.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a " + valueType.getName());
            }
        }
    }

    /** A value serde bound to a registry: Confluent wire format, TopicRecordNameStrategy subjects. */
    public Serde<V> valueSerde(SchemaRegistryClient registry) {
        return new AvroSerde<>(registry);
    }

    /** Whether records of {@code type} travel on this topic. */
    public boolean carries(Class<? extends SpecificRecord> type) {
        return records.contains(type);
    }
}
