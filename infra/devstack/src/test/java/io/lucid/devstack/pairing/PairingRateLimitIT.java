package io.lucid.devstack.pairing;

import static io.lucid.devstack.pairing.PairingRejectionsIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.devstack.test.TestStack;
import io.lucid.devstack.test.TestStacks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pairing completion is limited to 10 attempts a minute per pairing: the 11th is 429 with Retry-After. */
class PairingRateLimitIT {

    private static TestStack stack;
    private static PairingClient client;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.get();
        client = new PairingClient(stack);
    }

    @Test
    void theEleventhCompletionAttemptInAMinuteIs429WithRetryAfter() throws Exception {
        JsonNode pairing = client.start(stack.adminToken());
        String pairingId = pairing.path("pairing_id").asText();
        for (int attempt = 1; attempt <= 10; attempt++) {
            int status = client.complete(pairingId, PairingClient.completion("wrong-" + attempt, "phone", "ios")).statusCode();
            assertThat(status).as("attempt %d", attempt).isIn(401, 409);
        }
        long before = client.storedEventsOf(pairingId);
        HttpResponse<String> limited = client.complete(pairingId, PairingClient.completion("wrong-11", "phone", "ios"));
        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                value -> assertThat(Integer.parseInt(value)).isBetween(1, 60));
        assertThat(client.storedEventsOf(pairingId)).isEqualTo(before);

        JsonNode other = client.start(stack.adminToken());
        assertThat(client.complete(other.path("pairing_id").asText(),
                        PairingClient.completion(other.path("temp_token").asText(), "phone", "ios")).statusCode())
                .as("another pairing has its own limit").isEqualTo(201);
    }
}
