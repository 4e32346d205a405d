package io.lucid.streams;

import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerde;
import io.lucid.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * How the topologies read and write the topics of the catalogue ({@link io.lucid.schemas.topic.Topics}): the
 * topic's own key serde and the catalogue's Avro serde. Values are handled as {@link SpecificRecord} throughout,
 * since most topics carry several record types and processors dispatch on the type.
 */
public final class Catalogue {

    private Catalogue() {
    }

    /** The catalogue's Confluent-wire-format serde for any generated record. */
    public static Serde<SpecificRecord> records(SchemaRegistryClient registry) {
        return new AvroSerde<>(registry);
    }

    public static Consumed<String, SpecificRecord> consumed(Topic<String, ?> topic, SchemaRegistryClient registry,
            String processorName) {
        return Consumed.with(topic.keySerde(), records(registry)).withName(processorName);
    }

    public static Produced<String, SpecificRecord> produced(Topic<String, ?> topic, SchemaRegistryClient registry,
            String processorName) {
        return Produced.with(topic.keySerde(), records(registry)).withName(processorName);
    }

    /**
     * An internal repartition topic of a topology: its name and partitions, declared once so that the runtime can
     * create it before the application starts ({@link InternalTopics}) and the topology uses the same values.
     */
    public record Repartition(String name, int partitions) {

        /** The topic's name on the cluster: Kafka Streams prefixes the application id. */
        public String topic(String applicationId) {
            return applicationId + "-" + name + "-repartition";
        }
    }

    /** The repartition topic {@code repartition} of Avro records keyed by string. */
    public static Repartitioned<String, SpecificRecord> repartitioned(Repartition repartition,
            SchemaRegistryClient registry) {
        return Repartitioned.<String, SpecificRecord>as(repartition.name()).withKeySerde(Serdes.String())
                .withValueSerde(records(registry)).withNumberOfPartitions(repartition.partitions());
    }
}
