package io.lucid.devstack.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.schemas.poot.PootTimeBase;
import io.lucid.schemas.registry.SchemaRegistryClient;
import io.lucid.schemas.serde.AvroDeserializer;
import io.lucid.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Signed task proofs submitted over REST become the expected score on {@code lucid.poot.scores}: command-api
 * verifies and stores them, the relay publishes them, the stream processors credit them.
 */
class ScoresIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scoresSignedProofsSubmittedOverRest() throws Exception {
        TestStack stack = TestStacks.get();
        String nodeId = "node_scores_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = keys.getPublic().getEncoded();
        // X.509 SubjectPublicKeyInfo of an Ed25519 key: a 12-byte prefix, then the 32 raw bytes the API takes.
        String publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        assertThat(post(stack, "/api/v1/nodes", registration(nodeId, publicKey)).statusCode()).isEqualTo(201);

        try (KafkaConsumer<String, SpecificRecord> scores = consumer(stack)) {
            long slot = PootTimeBase.fromEnvironment(System.getenv()).slotAt(Instant.now());
            // relay: max(1 session, ceil(10,485,760 / 5,242,880) = 2) = 2 credits; validation: 5 * 3 = 15;
            // beacon: 60 s of uptime, no credits. Window totals: 17 credits, 60 s, weight 17 * 60 = 1,020.
            submit(stack, keys, nodeId, slot, "relay_bandwidth", Map.of("bytes_transferred", 10_485_760L, "sessions_relayed", 1L),
                    List.of(10_485_760L, 1L));
            submit(stack, keys, nodeId, slot, "validation_signature", Map.of("validated_sessions", 3L), List.of(3L));
            submit(stack, keys, nodeId, slot, "uptime_beacon", Map.of("uptime_seconds", 60L), List.of(60L));

            List<NodeScoreUpdated> seen = new CopyOnWriteArrayList<>();
            await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() -> {
                scores.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (nodeId.equals(r.key())) {
                        seen.add((NodeScoreUpdated) r.value());
                    }
                });
                return seen.size() >= 3;
            });
            NodeScoreUpdated last = seen.get(seen.size() - 1);
            assertThat(last.getRelayCredits()).isEqualTo(2);
            assertThat(last.getValidationCredits()).isEqualTo(15);
            assertThat(last.getCreditsTotal()).isEqualTo(17);
            assertThat(last.getUptimeSeconds()).isEqualTo(60);
            assertThat(last.getWeight()).isEqualTo(1_020);
            assertThat(last.getProofCount()).isEqualTo(3);
            assertThat(last.getEligible()).isFalse();
        }
    }

    private void submit(TestStack stack, KeyPair keys, String nodeId, long slot, String type, Map<String, Long> value,
            List<Long> signedValues) throws Exception {
        StringBuilder text = new StringBuilder(nodeId).append(':').append(slot).append(':').append(type);
        signedValues.forEach(v -> text.append(':').append(v));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(text.toString().getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        StringBuilder values = new StringBuilder();
        value.forEach((k, v) -> values.append(values.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(v));
        String body = """
                {"node_id":"%s","slot":%d,"type":"%s","value":{%s},"signature":"%s"}
                """.formatted(nodeId, slot, type, values, signature);
        HttpResponse<String> response = post(stack, "/api/v1/poot/proofs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpResponse<String> post(TestStack stack, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.commandApi() + path))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String registration(String nodeId, String publicKey) {
        return """
                {"node_id":"%s","name":"%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE"},
                 "wallet_address":"TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz",
                 "public_key":"%s"}
                """.formatted(nodeId, nodeId.replace("node_", "n-"), publicKey);
    }

    /** Reads the scores from their current end, as a downstream consumer of committed records sees them. */
    private static KafkaConsumer<String, SpecificRecord> consumer(TestStack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AvroDeserializer<>(SchemaRegistryClient.connect(stack.schemaRegistryUrl().toString())));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.POOT_SCORES.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
