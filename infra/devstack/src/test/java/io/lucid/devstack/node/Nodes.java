package io.lucid.devstack.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.lucid.devstack.api.ApiClient;
import io.lucid.devstack.api.ApiClient.Answer;
import io.lucid.devstack.api.TestIds;
import io.lucid.devstack.api.Tokens;
import io.lucid.devstack.test.TestStack;
import io.lucid.schemas.poot.PootTimeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * What the node, proof and payout integration tests do to get going: register a node with a real key, sign its task
 * proofs over the text DOMAIN.md prescribes, and the one verb {@link ApiClient} lacks (PUT).
 */
public final class Nodes {

    public static final String WALLET = "TT2cj8qKCyg3uZBMspaJ9SyNWkPF4rWsgz";
    public static final PootTimeBase TIME_BASE = PootTimeBase.defaults();

    private final TestStack stack;
    private final ApiClient api;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    public Nodes(TestStack stack, ApiClient api) {
        this.stack = stack;
        this.api = api;
        this.tokens = new Tokens(stack);
    }

    public static String unique() {
        return TestIds.unique();
    }

    public static String registration(String nodeId, String publicKey) {
        return """
                {"node_id":"%s","name":"%s","node_type":"worker",
                 "hardware":{"cpu_cores":8,"memory_bytes":17179869184,"storage_bytes":536870912000,"storage_type":"NVMe","network_mbps":1000},
                 "location":{"country":"DE"},"wallet_address":"%s","public_key":"%s"}
                """.formatted(nodeId, nodeId.substring(5).replace('_', '-'), WALLET, publicKey);
    }

    /**
     * Registers a new node with {@code keys} as an admin; returns its id. Each registration uses a new admin token:
     * the rate limit counts per token, and tests register many nodes.
     */
    public String register(String prefix, NodeKeys keys) {
        String nodeId = prefix + unique();
        Answer answer = api.post("/api/v1/nodes", registration(nodeId, keys.publicKey()), tokens.of("ADMIN", "it-admin"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return nodeId;
    }

    public static long currentSlot() {
        return TIME_BASE.slotAt(Instant.now());
    }

    /** A relay_bandwidth proof of {@code nodeId}, signed by {@code keys}, as JSON. */
    public static String relayProof(String nodeId, long slot, long bytes, long sessions, NodeKeys keys) {
        String signature = keys.sign(nodeId + ":" + slot + ":relay_bandwidth:" + bytes + ":" + sessions);
        return """
                {"node_id":"%s","slot":%d,"type":"relay_bandwidth","value":{"bytes_transferred":%d,"sessions_relayed":%d},"signature":"%s"}"""
                .formatted(nodeId, slot, bytes, sessions, signature);
    }

    /** An uptime_beacon proof (one value: the signed text ends after it, no trailing colon), as JSON. */
    public static String uptimeProof(String nodeId, long slot, long seconds, NodeKeys keys) {
        String signature = keys.sign(nodeId + ":" + slot + ":uptime_beacon:" + seconds);
        return """
                {"node_id":"%s","slot":%d,"type":"uptime_beacon","value":{"uptime_seconds":%d},"signature":"%s"}"""
                .formatted(nodeId, slot, seconds, signature);
    }

    public Answer put(String path, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.commandApi() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), Json.parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lenient JSON parsing for answers. */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        static com.fasterxml.jackson.databind.JsonNode parse(String body) {
            try {
                return body == null || body.isBlank() ? null : MAPPER.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
