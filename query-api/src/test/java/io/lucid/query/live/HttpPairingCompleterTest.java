package io.lucid.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How command-api's answers to a pairing completion become outcomes of a pair frame. */
class HttpPairingCompleterTest {

    @Test
    void aCreatedDeviceIsPaired() {
        PairingCompleter.Outcome outcome = HttpPairingCompleter.outcome(201, "{\"device_id\":\"d-1\","
                + "\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_at\":\"2026-12-02T10:00:00Z\"}");

        assertThat(outcome).isEqualTo(new PairingCompleter.Paired("d-1", "tok", "2026-12-02T10:00:00Z"));
        assertThat(outcome.toString()).doesNotContain("tok");
    }

    @Test
    void aProblemKeepsItsStableCode() {
        assertThat(HttpPairingCompleter.outcome(410, "{\"status\":410,\"code\":\"pairing_expired\",\"detail\":\"gone\"}"))
                .isEqualTo(new PairingCompleter.Refused(410, "pairing_expired", "gone"));
    }

    @Test
    void aServerFailureOrAnswerWithoutJsonIsUnavailable() {
        assertThat(HttpPairingCompleter.outcome(500, "{\"code\":\"internal_error\"}"))
                .isInstanceOf(PairingCompleter.Unavailable.class);
        assertThat(HttpPairingCompleter.outcome(502, "<html>")).isInstanceOf(PairingCompleter.Unavailable.class);
    }
}
