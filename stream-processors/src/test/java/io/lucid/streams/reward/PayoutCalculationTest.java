package io.lucid.streams.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayoutCalculationTest {

    private final RewardSettings rules = RewardSettings.defaults();

    @Test
    void paysNothingBelowTenUsdt() {
        assertThat(PayoutCalculation.forBalance(9_999_999, rules)).isEmpty();
    }

    @Test
    void paysTheWholeBalanceFromTenUsdtWithAOnePercentFee() {
        // gross 10 USDT; fee floor(10,000,000 / 100) = 100,000 = 0.1 USDT (the lower clamp exactly); net 9.9 USDT.
        PayoutCalculation payout = PayoutCalculation.forBalance(10_000_000, rules).orElseThrow();
        assertThat(payout.gross()).isEqualTo(10_000_000);
        assertThat(payout.fee()).isEqualTo(100_000);
        assertThat(payout.net()).isEqualTo(9_900_000);
        assertThat(payout.balanceAfter()).isZero();
    }

    @Test
    void capsGrossAtTenThousandUsdtAndTheFeeAtTenUsdt() {
        // balance 12,345.678901 USDT: gross = min(balance, 10,000 USDT) = 10,000,000,000; 1 % = 100 USDT -> clamp 10 USDT;
        // net 9,990 USDT; 2,345.678901 USDT stays.
        PayoutCalculation payout = PayoutCalculation.forBalance(12_345_678_901L, rules).orElseThrow();
        assertThat(payout.gross()).isEqualTo(10_000_000_000L);
        assertThat(payout.fee()).isEqualTo(10_000_000);
        assertThat(payout.net()).isEqualTo(9_990_000_000L);
        assertThat(payout.balanceAfter()).isEqualTo(2_345_678_901L);
    }

    @Test
    void clampsTheFeeUpToATenthOfAUsdt() {
        // With a 5 USDT threshold: gross 5 USDT, 1 % = 50,000 -> raised to 100,000; net 4,900,000.
        PayoutCalculation payout = PayoutCalculation.forBalance(5_000_000, rules.withPayoutThreshold(5_000_000)).orElseThrow();
        assertThat(payout.fee()).isEqualTo(100_000);
        assertThat(payout.net()).isEqualTo(4_900_000);
    }

    @Test
    void takesOnePercentBetweenTheClamps() {
        // gross 523.456789 USDT: floor(523,456,789 / 100) = 5,234,567; net 518,222,222.
        PayoutCalculation payout = PayoutCalculation.forBalance(523_456_789, rules).orElseThrow();
        assertThat(payout.fee()).isEqualTo(5_234_567);
        assertThat(payout.net()).isEqualTo(518_222_222);
    }

    @Test
    void namesPayoutsByEpochAndNode() {
        assertThat(PayoutCalculation.payoutId(42, "node_alpha")).isEqualTo("payout_42_node_alpha");
    }
}
