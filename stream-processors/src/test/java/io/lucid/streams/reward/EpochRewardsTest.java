package io.lucid.streams.reward;

import static io.lucid.streams.poot.PootTopologyTest.uptime;
import static io.lucid.streams.poot.Proofs.beacon;
import static io.lucid.streams.poot.Proofs.validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.poot.EpochRewardsDistributed;
import io.lucid.events.poot.RewardCalculated;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.streams.poot.PootRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rewards and payouts at epoch closes, through the PoOT topology (time base of {@code Proofs}: epochs of 60 s, W =
 * 420 s, epoch e closes at 60e + 90 s).
 *
 * <p>Every scenario uses nodes with 5 credits (one validated session, slot 0) and 90 s of uptime (beacons in slots
 * 0..8, i.e. 60 s in epoch 0 and 30 s in epoch 1). Epoch 0's window holds only 60 s: 5 * 60 = 300 < 420, nobody
 * is eligible and the whole pool is carried. From epoch 1 each node has weight 5 * 90 = 450 and is eligible
 * (5 * 90 = 450 >= 420). A beacon of node_zed (no credits, never eligible) 5 s into the first slot after each close
 * time moves event time on.
 */
class EpochRewardsTest {

    private static List<TaskProofSubmitted> scenario(List<String> nodes, int epochsToClose) {
        List<TaskProofSubmitted> proofs = new ArrayList<>();
        for (String node : nodes) {
            proofs.add(validation(node, 0, 1));
            proofs.addAll(uptime(node, 0, 90));
        }
        for (int e = 0; e < epochsToClose; e++) {
            proofs.add(beacon("node_zed", 6L * e + 9, 1)); // slot 6e + 9 starts at 60e + 90 s: epoch e closes
        }
        return proofs;
    }

    private static PootRun run(long pool, long threshold) {
        return new PootRun(PootRun.settings().withRewards(
                RewardSettings.defaults().withEpochPool(pool).withPayoutThreshold(threshold)));
    }

    @Test
    void carriesAnEmptyEpochsPoolAndTheRoundingRemainder() {
        try (PootRun run = new PootRun(PootRun.settings())) {
            run.submit(scenario(List.of("node_ann", "node_bob", "node_cat"), 3));
            // epoch 0: nobody eligible -> pool 1,000 USDT = 1,000,000,000 carried whole.
            assertThat(run.distribution(0)).extracting(EpochRewardsDistributed::getPool,
                    EpochRewardsDistributed::getDistributed, EpochRewardsDistributed::getCarriedRemainder,
                    EpochRewardsDistributed::getEligibleCount).containsExactly(1_000_000_000L, 0L, 1_000_000_000L, 0);
            assertThat(run.rewards(0)).isEmpty();
            // epoch 1: pool 2,000,000,000 over three weights of 450: floor(2,000,000,000 * 450 / 1,350) = 666,666,666
            // each, 1,999,999,998 paid, remainder 2 carried.
            assertThat(run.rewards(1)).extracting(RewardCalculated::getNodeId, RewardCalculated::getReward,
                            RewardCalculated::getWeight, RewardCalculated::getTotalWeight)
                    .containsExactly(tuple("node_ann", 666_666_666L, 450L, 1_350L),
                            tuple("node_bob", 666_666_666L, 450L, 1_350L), tuple("node_cat", 666_666_666L, 450L, 1_350L));
            assertThat(run.distribution(1).getCarriedRemainder()).isEqualTo(2);
            // epoch 2: pool 1,000,000,000 + 2 = 1,000,000,002 -> 333,333,334 each, nothing left.
            assertThat(run.rewards(2)).extracting(RewardCalculated::getReward)
                    .containsExactly(333_333_334L, 333_333_334L, 333_333_334L);
            assertThat(run.distribution(2)).extracting(EpochRewardsDistributed::getPool,
                    EpochRewardsDistributed::getCarriedRemainder).containsExactly(1_000_000_002L, 0L);
        }
    }

    @Test
    void paysOutFromTenUsdtWithAOnePercentFee() {
        try (PootRun run = run(12_000_000, RewardSettings.DEFAULT_PAYOUT_THRESHOLD)) {
            run.submit(scenario(List.of("node_ann", "node_bob", "node_cat"), 3));
            // pool 12 USDT. epoch 0: carried. epoch 1: 24 USDT / 3 = 8 USDT each: below 10 USDT, no payout.
            assertThat(run.rewards(1)).extracting(RewardCalculated::getReward).containsOnly(8_000_000L);
            assertThat(run.payouts(1)).isEmpty();
            // epoch 2: 12 USDT / 3 = 4 each -> balance 12 USDT: gross 12,000,000, fee floor(12,000,000 / 100) =
            // 120,000 (within [0.1, 10] USDT), net 11,880,000, nothing left.
            assertThat(run.payouts(2)).extracting(PayoutCalculated::getPayoutId, PayoutCalculated::getBalanceBefore,
                            PayoutCalculated::getGross, PayoutCalculated::getFee, PayoutCalculated::getNet,
                            PayoutCalculated::getBalanceAfter)
                    .containsExactly(
                            tuple("payout_2_node_ann", 12_000_000L, 12_000_000L, 120_000L, 11_880_000L, 0L),
                            tuple("payout_2_node_bob", 12_000_000L, 12_000_000L, 120_000L, 11_880_000L, 0L),
                            tuple("payout_2_node_cat", 12_000_000L, 12_000_000L, 120_000L, 11_880_000L, 0L));
        }
    }

    @Test
    void capsTheGrossAtTenThousandUsdtAndTheFeeAtTenUsdt() {
        try (PootRun run = run(MicroUsdt.usdt(25_000), RewardSettings.DEFAULT_PAYOUT_THRESHOLD)) {
            run.submit(scenario(List.of("node_ann"), 3));
            // epoch 1: pool 50,000 USDT, all to node_ann. gross = min(50,000, 10,000) USDT; 1 % = 100 USDT -> clamped
            // to 10 USDT; net 9,990 USDT; 40,000 USDT stay.
            assertThat(run.payouts(1)).extracting(PayoutCalculated::getGross, PayoutCalculated::getFee,
                            PayoutCalculated::getNet, PayoutCalculated::getBalanceAfter)
                    .containsExactly(tuple(10_000_000_000L, 10_000_000L, 9_990_000_000L, 40_000_000_000L));
            // epoch 2: 40,000 + 25,000 = 65,000 USDT -> again 10,000 out, 55,000 stay.
            assertThat(run.payouts(2)).extracting(PayoutCalculated::getBalanceBefore, PayoutCalculated::getGross,
                    PayoutCalculated::getBalanceAfter).containsExactly(tuple(65_000_000_000L, 10_000_000_000L,
                    55_000_000_000L));
        }
    }

    @Test
    void raisesTheFeeToATenthOfAUsdtOnSmallPayouts() {
        try (PootRun run = run(2_500_000, 5_000_000)) {
            run.submit(scenario(List.of("node_ann"), 2));
            // threshold 5 USDT; epoch 1 pool 2 * 2.5 = 5 USDT -> gross 5,000,000; 1 % = 50,000 -> raised to 100,000.
            assertThat(run.payouts(1)).extracting(PayoutCalculated::getGross, PayoutCalculated::getFee,
                    PayoutCalculated::getNet).containsExactly(tuple(5_000_000L, 100_000L, 4_900_000L));
        }
    }

    @Test
    void returnsACancelledPayoutToTheBalanceOnce() {
        try (PootRun run = run(12_000_000, RewardSettings.DEFAULT_PAYOUT_THRESHOLD)) {
            run.submit(scenario(List.of("node_ann", "node_bob", "node_cat"), 3));
            assertThat(run.payouts(2)).hasSize(3);
            // payout_2_node_ann (gross 12 USDT) is cancelled, and the event is delivered twice.
            run.cancel("payout_2_node_ann", "node_ann", 12_000_000, 215_000);
            run.cancel("payout_2_node_ann", "node_ann", 12_000_000, 215_000);
            run.submit(beacon("node_zed", 27, 1)); // 275 s: epoch 3 closes (at 270 s)
            // epoch 3: 4 USDT each. node_ann: 12 returned + 4 = 16 USDT -> gross 16,000,000, fee 160,000,
            // net 15,840,000. node_bob and node_cat hold 4 USDT: no payout.
            assertThat(run.payouts(3)).extracting(PayoutCalculated::getNodeId, PayoutCalculated::getBalanceBefore,
                            PayoutCalculated::getGross, PayoutCalculated::getFee, PayoutCalculated::getNet)
                    .containsExactly(tuple("node_ann", 16_000_000L, 16_000_000L, 160_000L, 15_840_000L));
        }
    }
}
