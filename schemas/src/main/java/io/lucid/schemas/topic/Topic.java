package io.lucid.schemas.topic;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of the catalogue: its name, partitioning, retention and serdes. Producers, consumers,
 * topologies and tests take topics from {@link Topics}; no other code spells a topic name.
 *
 * @param <K> key type (the aggregate or entity id)
 * @param <V> value type: an Avro record in the Confluent wire format
 */
public record Topic<K, V extends SpecificRecord>(
        String name, int partitions, Retention retention, Serde<K> keySerde, Class<V> valueType) {

    /** A value serde bound to a registry: Confluent wire format, TopicRecordNameStrategy subjects. */
    public Serde<V> valueSerde(SchemaRegistryClient registry) {
        return new AvroSerde<>(registry);
    }
}
