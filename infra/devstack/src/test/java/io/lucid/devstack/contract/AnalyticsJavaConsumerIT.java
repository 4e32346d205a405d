package io.lucid.devstack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.node.NodeRegistered;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroDeserializer;
import io.lucid.schemas.serde.DeserializationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java analytics example ({@code docs/examples/analytics-java}: plain kafka-clients and our AvroDeserializer),
 * built from its sources by this test, reads the domain topics after commands of every domain; and a record with an
 * unknown schema id fails with a message naming id, topic, partition and offset, in the example and in any consumer.
 */
class AnalyticsJavaConsumerIT {

    private static TestStack stack;
    private static Path classes;

    @BeforeAll
    static void build() throws Exception {
        stack = TestStacks.get();
        classes = JavaExample.compile();
    }

    @Test
    void decodesEveryRecordOfTheDomainTopics() throws Exception {
        List<DomainCommands.Expected> expected = new DomainCommands(stack).issueAll();
        Published.awaitAll(stack, expected);

        NodeJs.Result result = JavaExample.run(classes, List.of("--bootstrap", stack.kafkaBootstrap(),
                "--registry", stack.schemaRegistryUrl().toString(), "--json"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        for (DomainCommands.Expected event : expected) {
            assertThat(result.stdout()).as(result.describe()).contains("key=" + event.key() + " " + event.type() + " {");
        }
        assertThat(result.stdout()).contains("Records per type:").contains(NodeRegistered.getClassSchema().getFullName());
    }

    @Test
    void exampleStopsNamingSchemaIdTopicPartitionAndOffset() throws Exception {
        String topic = UnknownSchemaRecord.publish(stack);

        NodeJs.Result result = JavaExample.run(classes, List.of("--bootstrap", stack.kafkaBootstrap(),
                "--registry", stack.schemaRegistryUrl().toString(), "--topics", UnknownSchemaRecord.only(topic),
                "--timeout-ms", "60000"));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("Unknown schema id " + UnknownSchemaRecord.SCHEMA_ID)
                .contains(topic + "-0 offset 0");
    }

    @Test
    void kafkaConsumerFailsOnAnUnknownSchemaIdAndNeverSkipsIt() throws Exception {
        String topic = UnknownSchemaRecord.publish(stack);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        AvroDeserializer<SpecificRecord> values =
                new AvroDeserializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()));
        try (KafkaConsumer<String, SpecificRecord> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            RecordDeserializationException failure = catchThrowableOfType(RecordDeserializationException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            });

            assertThat(failure).as("the consumer must fail on the record, not skip it").isNotNull();
            assertThat(failure.offset()).isZero();
            assertThat(DeserializationFailure.describe(failure))
                    .contains("Unknown schema id " + UnknownSchemaRecord.SCHEMA_ID)
                    .contains(topic + "-0 offset 0");
            // Polling again fails again on the same record: nothing is skipped.
            assertThat(catchThrowableOfType(RecordDeserializationException.class,
                    () -> consumer.poll(Duration.ofSeconds(2))).offset()).isZero();
        }
    }
}
