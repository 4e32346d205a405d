package io.lucid.devstack.query;

import io.lucid.devstack.test.TestStack;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records the stream processors would derive, produced by the test: a payout calculation (what an epoch close
 * hands the command side) and an epoch's tally. With the default PoOT time base an epoch lasts 24 hours and closes
 * 2 hours after its end, so no test sees a real close; the read side is tested on the records a close would write.
 */
public final class Derived implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    public Derived(TestStack stack) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())));
    }

    /** A payout calculation as an epoch close produces it; command-api turns it into a PENDING payout. */
    public void payoutCalculation(long epoch, String nodeId, long gross) {
        long fee = Math.max(100_000, Math.min(10_000_000, gross / 100));
        PayoutCalculated calculation = PayoutCalculated.newBuilder()
                .setPayoutId("payout_" + epoch + "_" + nodeId).setEpoch(epoch).setNodeId(nodeId)
                .setBalanceBefore(gross).setGross(gross).setFee(fee).setNet(gross - fee).setBalanceAfter(0)
                .setCalculatedAt(Instant.now()).build();
        RecordHeaders headers = new RecordHeaders();
        String eventId = Topics.PAYOUT_CALCULATIONS.name() + ":" + nodeId + ":" + UUID.randomUUID();
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE,
                PayoutCalculated.getClassSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        send(Topics.PAYOUT_CALCULATIONS.name(), nodeId, calculation, headers);
    }

    /** A record of an epoch's tally topic (tally at sequence 0, reward summary at 1), with the processors' headers. */
    void tallyRecord(long epoch, SpecificRecord value, long sequence) {
        String key = Long.toString(epoch);
        send(Topics.POOT_TALLIES.name(), key, value, DerivedHeaders.of(Topics.POOT_TALLIES.name(), "poot", value, key,
                sequence, Instant.now().toEpochMilli(), null));
    }

    private void send(String topic, String key, SpecificRecord value, Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
