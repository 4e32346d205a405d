package io.lucid.devstack.payout;

import static io.lucid.devstack.node.Answers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.Database;
import io.lucid.devstack.api.DomainTopic;
import io.lucid.devstack.api.DomainTopic.Published;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.node.NodeKeys;
import io.lucid.devstack.node.Nodes;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.deadletter.DeadLetter;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.schemas.cloudevents.CloudEventHeaders;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroSerializer;
import io.lucid.schemas.serde.AvroWireFormat;
import io.lucid.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payouts end to end (DOMAIN.md section 5): a {@code PayoutCalculated} produced to {@code lucid.payout.calculations}
 * becomes a PENDING payout (its causation id the calculation's event id), exactly once however often it is
 * delivered, also across a command-api restart; the payment operator then moves it through REST, every step on
 * {@code lucid.payout.events}; a record that can never be a payout is parked on the dead-letter topic.
 */
class PayoutIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static TestStack stack;
    private static ApiClient api;
    private static Tokens tokens;
    private static Database db;
    private static DomainTopic topic;
    private static Nodes nodes;
    private static KafkaProducer<String, SpecificRecord> producer;
    private static KafkaProducer<String, byte[]> rawProducer;

    @BeforeAll
    static void startStack() {
        if (producer != null) {
            return;
        }
        stack = TestStacks.get();
        api = new ApiClient(stack);
        tokens = new Tokens(stack);
        db = new Database(stack);
        topic = new DomainTopic(stack);
        nodes = new Nodes(stack, api);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())));
        rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }


    /** Produces a calculation as the stream processors do, with the event id it will be caused by. */
    static String calculate(long epoch, String nodeId, long gross) throws Exception {
        long fee = Math.max(100_000, Math.min(10_000_000, gross / 100));
        PayoutCalculated calculation = PayoutCalculated.newBuilder()
                .setPayoutId("payout_" + epoch + "_" + nodeId).setEpoch(epoch).setNodeId(nodeId)
                .setBalanceBefore(gross).setGross(gross).setFee(fee).setNet(gross - fee).setBalanceAfter(0)
                .setCalculatedAt(Instant.now()).build();
        String eventId = Topics.PAYOUT_CALCULATIONS.name() + ":" + nodeId + ":" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, PayoutCalculated.getClassSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.PAYOUT_CALCULATIONS.name(), null, nodeId, calculation, headers)).get();
        return eventId;
    }

    private static Answer step(String payoutId, String action, String body) {
        return api.post("/api/v1/payouts/" + payoutId + "/" + action, body, stack.adminToken());
    }

    private static void expectStatus(Answer answer, String status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.text("status")).isEqualTo(status);
    }

    @Test
    void aCalculationBecomesAPayoutThatThePaymentOperatorCompletes() throws Exception {
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        String payoutId = "payout_" + 900 + "_" + nodeId;
        String eventId = calculate(900, nodeId, 25_000_000);

        Published created = topic.eventsOf(Topics.PAYOUT_EVENTS, payoutId, 1).get(0);
        PayoutCreated event = (PayoutCreated) created.event();
        assertThat(event.getGross()).isEqualTo(25_000_000);
        assertThat(event.getNet()).isEqualTo(25_000_000 - 250_000);
        assertThat(event.getWalletAddress()).isEqualTo(Nodes.WALLET);
        assertThat(created.header(CloudEventHeaders.CAUSATION_ID)).isEqualTo(eventId);
        assertThat(created.header(CloudEventHeaders.ACTOR)).isEqualTo("system:payout-process-manager");

        expectStatus(step(payoutId, "start", null), "PROCESSING");
        expectStatus(step(payoutId, "fail", "{\"reason\":\"energy exhausted\"}"), "FAILED");
        expectStatus(step(payoutId, "retry", null), "PENDING");
        expectStatus(step(payoutId, "start", null), "PROCESSING");
        expectStatus(step(payoutId, "complete", "{\"tx_hash\":\"7c2a9fd0e1\"}"), "COMPLETED");
        List<Published> events = topic.eventsOf(Topics.PAYOUT_EVENTS, payoutId, 6);
        assertThat(events).extracting(Published::type).containsExactly("PayoutCreated", "PayoutStarted", "PayoutFailed",
                "PayoutRetried", "PayoutStarted", "PayoutCompleted");
        expectProblem(step(payoutId, "cancel", null), 409, "illegal_transition");
    }

    @Test
    void aRedeliveredCalculationCreatesNothingTwice() throws Exception {
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        String payoutId = "payout_901_" + nodeId;
        calculate(901, nodeId, 12_000_000);
        calculate(901, nodeId, 12_000_000);
        topic.eventsOf(Topics.PAYOUT_EVENTS, payoutId, 1);
        String marker = "node_mark_" + Nodes.unique(); // a later record: once it is handled, so were both above
        calculate(901, marker, 11_000_000);
        await().atMost(PROPAGATION).until(() -> db.storedEventsOf("payout_901_" + marker) == 1);
        assertThat(db.storedEventsOf(payoutId)).isEqualTo(1);
    }

    @Test
    void calculationsProducedWhileCommandApiIsDownBecomePayoutsAfterItsRestart() throws Exception {
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        String payoutId = "payout_902_" + nodeId;
        stack.stop("command-api");
        try {
            calculate(902, nodeId, 30_000_000);
        } finally {
            stack.start("command-api");
        }
        await().atMost(PROPAGATION).until(() -> db.storedEventsOf(payoutId) == 1);
    }

    @Test
    void aCancelledPayoutAnnouncesTheGrossItReturns() throws Exception {
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        String payoutId = "payout_903_" + nodeId;
        calculate(903, nodeId, 40_000_000);
        await().atMost(PROPAGATION).until(() -> db.storedEventsOf(payoutId) == 1);
        expectStatus(step(payoutId, "cancel", "{\"reason\":\"wallet under review\"}"), "CANCELLED");
        PayoutCancelled cancelled = (PayoutCancelled) topic.eventsOf(Topics.PAYOUT_EVENTS, payoutId, 2).get(1).event();
        assertThat(cancelled.getGross()).isEqualTo(40_000_000);
        assertThat(cancelled.getNodeId()).isEqualTo(nodeId);
    }

    @Test
    void everyRejectionHasItsStatusAndStoresNothing() throws Exception {
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        String payoutId = "payout_904_" + nodeId;
        calculate(904, nodeId, 15_000_000);
        await().atMost(PROPAGATION).until(() -> db.storedEventsOf(payoutId) == 1);
        long before = db.storedEvents();
        expectProblem(step(payoutId, "complete", "{\"tx_hash\":\"abc\"}"), 409, "illegal_transition");
        expectProblem(step(payoutId, "retry", null), 409, "illegal_transition");
        expectProblem(api.post("/api/v1/payouts/" + payoutId + "/start", null, tokens.of("OPERATOR", "op")), 403, "forbidden");
        expectProblem(api.post("/api/v1/payouts/" + payoutId + "/start", null, tokens.node(nodeId)), 403, "forbidden");
        expectProblem(api.post("/api/v1/payouts/" + payoutId + "/start", null, null), 401, "unauthorized");
        expectProblem(step("payout_904_node_nobody_" + Nodes.unique(), "start", null), 404, "not_found");
        expectProblem(step("not-a-payout", "start", null), 404, "not_found");
        assertThat(step(payoutId, "start", null).status()).isEqualTo(200);
        before = db.storedEvents();
        expectProblem(step(payoutId, "fail", "{}"), 422, "validation_failed");
        expectProblem(step(payoutId, "complete", "{\"tx_hash\":"), 400, "malformed_request");
        assertThat(db.storedEvents()).isEqualTo(before);
    }

    @Test
    void aRecordThatCanNeverBeAPayoutIsParkedAndTheNextOneStillHandled() throws Exception {
        String key = "poison-" + Nodes.unique();
        rawProducer.send(new ProducerRecord<>(Topics.PAYOUT_CALCULATIONS.name(), key, new byte[] {0, 0, 0, 0, 1, 2, 3})).get();
        String nodeId = nodes.register("node_pay_", new NodeKeys());
        calculate(905, nodeId, 20_000_000);
        await().atMost(PROPAGATION).until(() -> db.storedEventsOf("payout_905_" + nodeId) == 1);
        assertThat(deadLetterKeyed(key).getConsumer()).isEqualTo("lucid-command-payouts");
    }

    /** Reads the dead-letter topic from the start until a letter of the record keyed {@code key} shows up. */
    private static DeadLetter deadLetterKeyed(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "payout-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroWireFormat wire = new AvroWireFormat(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString()));
        AtomicReference<DeadLetter> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            await().atMost(PROPAGATION).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeadLetter letter = wire.deserialize(record.topic(), record.value());
                    if (letter.getKey() != null && key.equals(StandardCharsets.UTF_8.decode(letter.getKey()).toString())) {
                        found.set(letter);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }
}
