package io.lucid.streams.poot;

import static io.lucid.streams.poot.Proofs.at;
import static io.lucid.streams.poot.Proofs.beacon;
import static io.lucid.streams.poot.Proofs.relay;
import static io.lucid.streams.poot.Proofs.slot;
import static io.lucid.streams.poot.Proofs.storage;
import static io.lucid.streams.poot.Proofs.validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lucid.events.poot.EpochTallied;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.NodeTally;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.streams.Sensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scores and tallies through the whole PoOT topology. Time base of {@link Proofs}: 10 s slots, 6 slots per epoch,
 * W = 7 * 6 * 10 = 420 s, grace 30 s; epoch e closes at 60e + 90 s; eligible needs 5 * uptime >= 420, i.e. 84 s.
 */
public class PootTopologyTest {

    /** Beacons of {@code seconds} in total, 10 s per slot from {@code firstSlot}, the remainder in the last one. */
    public static List<TaskProofSubmitted> uptime(String node, long firstSlot, long seconds) {
        List<TaskProofSubmitted> beacons = new ArrayList<>();
        for (long slot = firstSlot; seconds > 0; slot++, seconds -= 10) {
            beacons.add(beacon(node, slot, Math.min(10, seconds)));
        }
        return beacons;
    }

    @Test
    void creditsEachProofTypeByItsFormula() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            run.submit(relay("node_alpha", 0, 5_242_881, 1),
                    storage("node_alpha", 1, 3, 1_610_612_736L),
                    validation("node_alpha", 2, 7),
                    beacon("node_alpha", 3, 10));
            List<NodeScoreUpdated> scores = run.scores();
            // relay: max(1, ceil(5,242,881 / 5,242,880) = 2) = 2
            // storage: floor(1,610,612,736 * 10 / 2^30) = 15, + 2 * 3 chunks = 21 -> total 23
            // validation: 5 * 7 = 35 -> total 58
            // beacon: no credits, 10 s uptime -> weight 58 * 10 = 580, live 580 / 420 = 1.380952..., not eligible (50 < 420)
            assertThat(scores).extracting(NodeScoreUpdated::getRelayCredits, NodeScoreUpdated::getStorageCredits,
                            NodeScoreUpdated::getValidationCredits, NodeScoreUpdated::getCreditsTotal,
                            NodeScoreUpdated::getUptimeSeconds, NodeScoreUpdated::getWeight,
                            NodeScoreUpdated::getProofCount)
                    .containsExactly(
                            tuple(2L, 0L, 0L, 2L, 0L, 0L, 1L),
                            tuple(2L, 21L, 0L, 23L, 0L, 0L, 2L),
                            tuple(2L, 21L, 35L, 58L, 0L, 0L, 3L),
                            tuple(2L, 21L, 35L, 58L, 10L, 580L, 4L));
            NodeScoreUpdated last = scores.get(3);
            assertThat(last.getLiveScore()).isEqualTo(580.0 / 420.0);
            assertThat(last.getEligible()).isFalse();
            assertThat(last.getWindowSeconds()).isEqualTo(420);
            assertThat(last.getLastProofId()).isEqualTo("node_alpha:3:uptime_beacon");
        }
    }

    @Test
    void slidesTheWindowOverTheSevenMostRecentEpochs() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            List<TaskProofSubmitted> proofs = new ArrayList<>();
            // Epoch e gets one relay proof of e + 1 sessions -> e + 1 credits (no bytes).
            for (long e = 0; e <= 7; e++) {
                proofs.add(relay("node_alpha", slot(e, 0), 0, e + 1));
            }
            run.submit(proofs);
            List<NodeScoreUpdated> scores = run.scores();
            // window(6) = epochs 0..6 = 1 + 2 + ... + 7 = 28; window(7) = epochs 1..7 = 2 + ... + 8 = 35
            assertThat(scores.get(6).getEpoch()).isEqualTo(6);
            assertThat(scores.get(6).getWindowFirstEpoch()).isZero();
            assertThat(scores.get(6).getCreditsTotal()).isEqualTo(28);
            assertThat(scores.get(7).getWindowFirstEpoch()).isEqualTo(1);
            assertThat(scores.get(7).getCreditsTotal()).isEqualTo(35);
        }
    }

    @Test
    void makesANodeEligibleAtOneFifthOfTheWindow() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            List<TaskProofSubmitted> proofs = new ArrayList<>(uptime("node_alpha", 1, 83));
            proofs.add(validation("node_alpha", 0, 1));
            run.submit(proofs);
            // 5 credits, 83 s: 5 * 83 = 415 < 420 -> not eligible
            NodeScoreUpdated before = run.scores().get(proofs.size() - 1);
            assertThat(before.getUptimeSeconds()).isEqualTo(83);
            assertThat(before.getEligible()).isFalse();
            // one more second: 5 * 84 = 420 >= 420 -> eligible; weight 5 * 84 = 420, live score exactly 1
            run.submit(beacon("node_alpha", 10, 1));
            NodeScoreUpdated after = run.scores().get(0);
            assertThat(after.getUptimeSeconds()).isEqualTo(84);
            assertThat(after.getEligible()).isTrue();
            assertThat(after.getWeight()).isEqualTo(420);
            assertThat(after.getLiveScore()).isEqualTo(1.0);
        }
    }

    @Test
    void ranksTheTallyByLiveScoreThenNodeId() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            List<TaskProofSubmitted> proofs = new ArrayList<>();
            // node_cat: 10 credits * 126 s = 1,260; node_bob: 10 * 84 = 840; node_ann: 5 * 168 = 840 (ties node_bob);
            // node_dan: 100 credits but 80 s < 84 s -> not eligible.
            proofs.add(validation("node_cat", 0, 2));
            proofs.addAll(uptime("node_cat", 0, 126));
            proofs.add(validation("node_bob", 0, 2));
            proofs.addAll(uptime("node_bob", 0, 84));
            proofs.add(validation("node_ann", 0, 1));
            proofs.addAll(uptime("node_ann", 0, 168));
            proofs.add(validation("node_dan", 0, 20));
            proofs.addAll(uptime("node_dan", 0, 80));
            // Every beacon lies in slots 0..16 (epochs 0..2); a beacon at slot 24 (245 s) closes epoch 2 (at 210 s).
            proofs.add(beacon("node_zed", 24, 1));
            run.submit(proofs);
            EpochTallied tally = run.tally(2);
            assertThat(tally.getNodes()).extracting(NodeTally::getNodeId, NodeTally::getWeight, NodeTally::getRank)
                    .containsExactly(
                            tuple("node_cat", 1_260L, 1),
                            tuple("node_ann", 840L, 2),
                            tuple("node_bob", 840L, 3),
                            tuple("node_dan", 8_000L, null));
            assertThat(tally.getEligibleCount()).isEqualTo(3);
            assertThat(tally.getTotalWeight()).isEqualTo(1_260 + 840 + 840);
            assertThat(tally.getWindowFirstEpoch()).isZero();
            assertThat(tally.getTalliedAt().toEpochMilli() - Proofs.SETTINGS.genesis().toEpochMilli()).isEqualTo(210_000);
            // each tally names the one before it, so that a consumer can apply them in order across partitions
            assertThat(run.tallies()).extracting(EpochTallied::getEpoch, EpochTallied::getPreviousEpoch)
                    .containsExactly(tuple(0L, null), tuple(1L, 0L), tuple(2L, 1L));
        }
    }

    @Test
    void closesAnEpochOnlyWhenEventTimePassesItsEndByTheGrace() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            // Epoch 0 ends at 60 s and closes at 60 + 30 = 90 s.
            run.submit(validation("node_alpha", 0, 1), at(beacon("node_alpha", 8, 10), 89_999));
            assertThat(run.tallies()).isEmpty();
            // A proof of epoch 0 submitted at 89.999 s still counts: the epoch is open.
            run.submit(at(beacon("node_alpha", 5, 10), 89_999));
            run.submit(at(beacon("node_alpha", 9, 10), 90_000));
            EpochTallied tally = run.tally(0);
            // window(0) = epoch 0 only: 5 credits (validation) and the slot-5 beacon's 10 s.
            assertThat(tally.getNodes()).extracting(NodeTally::getCreditsTotal, NodeTally::getUptimeSeconds)
                    .containsExactly(tuple(5L, 10L));
        }
    }

    @Test
    void ignoresAndCountsProofsOfAClosedEpoch() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            run.submit(validation("node_alpha", 0, 1), at(beacon("node_alpha", 9, 10), 90_000));
            int scoresBefore = run.scores().size();
            assertThat(scoresBefore).isEqualTo(2);
            // slot 5 is in epoch 0, closed at 90 s; submitted at 95 s it is late (yet inside command-api's 30-slot window).
            run.submit(at(validation("node_alpha", 5, 3), 95_000));
            assertThat(run.scores()).isEmpty();
            assertThat(run.harness.metric(Sensors.LATE_PROOFS + "-total")).isEqualTo(1.0);
            assertThat(run.tallies()).hasSize(1);
            assertThat(run.tally(0).getNodes().get(0).getCreditsTotal()).isEqualTo(5);
        }
    }

    @Test
    void countsARedeliveredProofOnce() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            run.submit(validation("node_alpha", 0, 1));
            run.submit(validation("node_alpha", 0, 1));
            assertThat(run.scores()).hasSize(1);
            assertThat(run.harness.metric(Sensors.DUPLICATE_PROOFS + "-total")).isEqualTo(1.0);
        }
    }
}
