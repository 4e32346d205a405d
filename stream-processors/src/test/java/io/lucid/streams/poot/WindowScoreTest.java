package io.lucid.streams.poot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowScoreTest {

    private static final long W = 604_800;

    @Test
    void isEligibleFromExactlyOneFifthOfTheWindowUp() {
        // 5 * 120,960 = 604,800 = W: uptime_score is exactly 0.2 -> eligible; one second less is not.
        assertThat(WindowScore.of(3, new ProofCredits(1, 0, 0, 120_960, 1), W).eligible()).isTrue();
        assertThat(WindowScore.of(3, new ProofCredits(1, 0, 0, 120_959, 1), W).eligible()).isFalse();
    }

    @Test
    void isNotEligibleWithoutCreditsWhateverTheUptime() {
        assertThat(WindowScore.of(3, new ProofCredits(0, 0, 0, W, 1), W).eligible()).isFalse();
    }

    @Test
    void capsUptimeAtTheWindowLength() {
        WindowScore score = WindowScore.of(3, new ProofCredits(10, 0, 0, 700_000, 1), W);
        assertThat(score.uptimeSeconds()).isEqualTo(W);
        // live = 10 * 604,800 / 604,800 = 10
        assertThat(score.liveScore().toDecimal(6)).isEqualByComparingTo("10");
    }

    @Test
    void computesLiveScoreAsCreditsTimesUptimeScore() {
        // credits_total = 40 + 50 + 10 = 100; uptime 302,400 s = half the window -> live = 50
        WindowScore score = WindowScore.of(3, new ProofCredits(40, 50, 10, 302_400, 1), W);
        assertThat(score.creditsTotal()).isEqualTo(100);
        assertThat(score.liveScore().toDecimal(6)).isEqualByComparingTo(new BigDecimal("50"));
        assertThat(score.weight()).isEqualTo(30_240_000);
    }

    @Test
    void slidesTheWindowOverTheSevenMostRecentEpochs() {
        // Epoch e holds e relay credits: window(16) = 10+..+16 = 91; window(17) = 11+..+17 = 98 (epoch 10 drops out).
        NodeLedger ledger = NodeLedger.empty();
        for (long e = 10; e <= 17; e++) {
            ledger = ledger.add(e, new ProofCredits(e, 0, 0, 1000, 1));
        }
        PootClock clock = new PootClock(PootSettings.defaults());
        assertThat(ledger.score(16, clock).creditsTotal()).isEqualTo(91);
        assertThat(ledger.score(17, clock).creditsTotal()).isEqualTo(98);
        assertThat(ledger.score(17, clock).credits().uptimeSeconds()).isEqualTo(7000);
        assertThat(ledger.pruneBefore(11).epochs().keySet()).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L);
    }

    @Test
    void ranksByLiveScoreThenNodeId() {
        long w = new PootClock(PootSettings.of(Instant.EPOCH, Duration.ofSeconds(1), 60, 7, Duration.ZERO)).windowSeconds();
        // W = 420. node_c: 10 credits * 420 s -> weight 4,200 (live 10); node_a and node_b tie:
        // node_b 6 credits * 210 s = 1,260, node_a 3 credits * 420 s = 1,260 (live 3 each) -> node_a before node_b.
        // node_d: 100 credits but 83 s < 420 / 5 = 84 s -> ineligible, unranked, listed last.
        EpochTally tally = EpochTally.of(5, Map.of(
                "node_b", new ProofCredits(6, 0, 0, 210, 1),
                "node_d", new ProofCredits(100, 0, 0, 83, 1),
                "node_a", new ProofCredits(0, 3, 0, 420, 1),
                "node_c", new ProofCredits(0, 0, 10, 420, 1)), w);
        assertThat(tally.entries()).extracting(EpochTally.Entry::nodeId, EpochTally.Entry::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("node_c", 1),
                        org.assertj.core.groups.Tuple.tuple("node_a", 2),
                        org.assertj.core.groups.Tuple.tuple("node_b", 3),
                        org.assertj.core.groups.Tuple.tuple("node_d", 0));
    }

    @Test
    void ranksScoresThatADoubleCouldNotTellApart() {
        // live(node_b) = (10^17 + 1) * 302,400 / 604,800 = 5 * 10^16 + 0.5; live(node_a) = 5 * 10^16.
        // As doubles both are 5.0E16 (the spacing of doubles there is 8), which would put node_a first by id.
        EpochTally tally = EpochTally.of(1, Map.of(
                "node_a", new ProofCredits(100_000_000_000_000_000L, 0, 0, 302_400, 1),
                "node_b", new ProofCredits(100_000_000_000_000_001L, 0, 0, 302_400, 1)), W);
        assertThat((double) 50_000_000_000_000_000.5).isEqualTo(5.0E16);
        assertThat(tally.entries()).extracting(EpochTally.Entry::nodeId).containsExactly("node_b", "node_a");
    }
}
