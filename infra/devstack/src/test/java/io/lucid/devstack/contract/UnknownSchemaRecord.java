package io.lucid.devstack.contract;

import io.lucid.devstack.test.TestStack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A record in the Confluent wire format whose schema id the registry has never assigned, alone on a scratch topic of
 * its own (never a catalogue topic: the stack's consumers must not see it). What every client must refuse loudly.
 */
final class UnknownSchemaRecord {

    static final int SCHEMA_ID = 987_654;

    private UnknownSchemaRecord() {
    }

    /** Creates the scratch topic, writes the record at partition 0, offset 0, and returns the topic's name. */
    static String publish(TestStack stack) throws Exception {
        String topic = "contract.unknown-schema." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        byte[] value = {0, (byte) (SCHEMA_ID >>> 24), (byte) (SCHEMA_ID >>> 16), (byte) (SCHEMA_ID >>> 8),
                (byte) SCHEMA_ID, 2, 'x'};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "k".getBytes(), value)).get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** A regular expression matching exactly {@code topic}, for the examples' {@code --topics}. */
    static String only(String topic) {
        return "^" + topic.replace(".", "\\.") + "$";
    }
}
