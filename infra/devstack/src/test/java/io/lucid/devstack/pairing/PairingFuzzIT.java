package io.lucid.devstack.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and boundary input at every pairing and token endpoint: wrong types, missing fields, huge strings,
 * 10 MB bodies, unknown enum values, negative numbers, wrong ids. Never a 5xx, never an event stored, always
 * problem+json.
 */
class PairingFuzzIT {

    private static final String TEN_MB = "{\"temp_token\":\"" + "A".repeat(10 * 1024 * 1024) + "\"}";
    private static final String HUGE = "x".repeat(200_000);

    private static TestStack stack;
    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
    }

    /** Bodies that must not start a pairing. */
    static Stream<String> badStartBodies() {
        return Stream.of("{\"expiry_seconds\":\"abc\"}", "{\"expiry_seconds\":true}", "{\"expiry_seconds\":1.5}",
                "{\"expiry_seconds\":[]}", "{\"expiry_seconds\":-1}", "{\"expiry_seconds\":0}",
                "{\"expiry_seconds\":9223372036854775807}", "{\"expiry_seconds\":59}", "{\"expiry_seconds\":901}",
                "{\"expiry_seconds\":", "[]", "\"text\"", "not json", "{\"expiry_seconds\":\"" + HUGE + "\"}", TEN_MB);
    }

    /** Completion bodies that must neither pair nor count as a wrong token. */
    static Stream<String> badCompletionBodies() {
        return Stream.of("{}", "null", "[]", "42", "{\"temp_token\":", "{\"temp_token\":123,\"device_info\":\"phone\"}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":42,\"platform\":{}}}",
                "{\"temp_token\":\"t\",\"device_info\":{}}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":\"ok\"}}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":\"ok\",\"platform\":\"symbian\"}}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":\"ok\",\"platform\":\"IOS\"}}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":\"" + HUGE + "\",\"platform\":\"ios\"}}",
                "{\"temp_token\":\"" + HUGE + "\",\"device_info\":{\"name\":\"ok\",\"platform\":\"ios\"}}",
                "{\"temp_token\":\"t\",\"device_info\":{\"name\":\"a\\u0000b\",\"platform\":\"ios\"}}",
                "{\"temp_token\":null,\"device_info\":null}", TEN_MB);
    }

    static Stream<String> badTokenRequests() {
        return Stream.of("{}", "{\"role\":\"GOD\",\"subject\":\"x\"}", "{\"role\":\"ADMIN\",\"subject\":\"x\"}",
                "{\"role\":\"DEVICE\",\"subject\":\"x\"}", "{\"role\":1,\"subject\":[],\"ttl_seconds\":\"x\"}",
                "{\"role\":\"OPERATOR\",\"subject\":\"x\",\"ttl_seconds\":-100}",
                "{\"role\":\"OPERATOR\",\"subject\":\"" + HUGE + "\"}", "{\"role\":\"NODE\",\"subject\":\"x\"}",
                "{\"role\":\"NODE\",\"subject\":\"x\",\"node_id\":\"../../etc\"}", "{\"role\":", TEN_MB);
    }

    static Stream<String> wrongIds() {
        return Stream.of("..%2F..%2Fetc", "%00", "'%20OR%201=1", "x".repeat(5000), "00000000-0000-0000-0000-00000000000g",
                "6F1C2A34-8D5E-4B7A-9C0D-1E2F3A4B5C6D", "-1");
    }

    @ParameterizedTest
    @MethodSource("badStartBodies")
    void startRefusesBadBodies(String body) throws Exception {
        long before = client.storedEvents("payload_type LIKE '%PairingStarted'");
        assertClientError(client.post("/api/v1/pairings", stack.adminToken(), body));
        assertThat(client.storedEvents("payload_type LIKE '%PairingStarted'")).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("badCompletionBodies")
    void completionRefusesBadBodiesWithoutCountingAnAttempt(String body) throws Exception {
        JsonNode pairing = client.start(stack.adminToken());
        String pairingId = pairing.path("pairing_id").asText();
        assertClientError(client.complete(pairingId, body));
        assertThat(client.storedEventsOf(pairingId)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("wrongIds")
    void wrongIdsAreRefusedEverywhere(String id) throws Exception {
        long before = client.storedEventsButExpiries();
        assertClientError(client.complete(id, PairingClient.completion("t", "phone", "ios")));
        assertClientError(client.revoke(id, stack.adminToken()));
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("badTokenRequests")
    void tokenIssuingRefusesBadRequests(String body) throws Exception {
        HttpResponse<String> response = client.post("/api/v1/auth/tokens", stack.adminToken(), body);
        assertClientError(response);
    }

    @ParameterizedTest
    @MethodSource("badCompletionBodies")
    void revocationAndRefreshRefuseBadBodies(String body) throws Exception {
        long before = client.storedEventsButExpiries();
        assertClientError(client.post("/api/v1/devices/not-a-device/revoke", stack.adminToken(), body));
        assertClientError(client.post("/api/v1/auth/refresh", stack.tokenFor("DEVICE"), body));
        assertThat(client.storedEventsButExpiries()).isEqualTo(before);
    }

    private static void assertClientError(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body().length() > 300 ? response.body().substring(0, 300) : response.body())
                .isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("status %d", response.statusCode()).startsWith("application/problem+json");
        assertThat(PairingClient.json(response.body()).path("code").asText()).isNotBlank();
    }
}
