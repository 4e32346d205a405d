package io.lucid.command.poot;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A close grace that would let proofs of closed epochs in is refused at start-up, with what to set. */
class PootSettingsTest {

    private static PootSettings with(long slotSeconds, long closeGraceSeconds) {
        return new PootSettings("2024-01-01T00:00:00Z", slotSeconds, 60, 0, closeGraceSeconds, 2, 2000, 50000,
                Duration.ofSeconds(30));
    }

    @Test
    void refusesAGraceShorterThanTheSlotsAProofMayLieBehind() {
        assertThatThrownBy(() -> with(120, 31 * 120 - 1).requireGraceCoversAcceptanceWindow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LUCID_POOT_CLOSE_GRACE_SECONDS")
                .hasMessageContaining("at least 3720");
        assertThatThrownBy(() -> with(1, 30).requireGraceCoversAcceptanceWindow()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsTheDefaultsAndAGraceOfExactlyTheWindow() {
        assertThatCode(() -> with(120, 7200).requireGraceCoversAcceptanceWindow()).doesNotThrowAnyException();
        assertThatCode(() -> with(120, 31 * 120).requireGraceCoversAcceptanceWindow()).doesNotThrowAnyException();
        assertThatCode(() -> with(1, 31).requireGraceCoversAcceptanceWindow()).doesNotThrowAnyException();
    }
}
