package io.lucid.streams.reward;

import java.util.Optional;

/**
 * The payout rule at an epoch close (DOMAIN.md section 5): a balance of at least the threshold pays out
 * gross = min(balance, cap); fee = floor(gross / 100) clamped to [0.1, 10] USDT; net = gross - fee; the rest of
 * the balance stays for later epochs.
 *
 * @param balanceBefore the node's balance after this epoch's reward
 * @param gross         taken from the balance
 * @param fee           kept by the network
 * @param net           paid to the node's wallet
 */
public record PayoutCalculation(long balanceBefore, long gross, long fee, long net) {

    public long balanceAfter() {
        return balanceBefore - gross;
    }

    /** The payout due for this balance, or empty below the threshold. */
    public static Optional<PayoutCalculation> forBalance(long balance, RewardSettings rules) {
        if (balance < rules.payoutThreshold()) {
            return Optional.empty();
        }
        long gross = Math.min(balance, rules.payoutCap());
        long fee = Math.max(rules.feeMin(), Math.min(rules.feeMax(), gross / rules.feeDivisor()));
        return Optional.of(new PayoutCalculation(balance, gross, fee, gross - fee));
    }

    /** The id the command side uses for the payout aggregate. */
    public static String payoutId(long epoch, String nodeId) {
        return "payout_" + epoch + "_" + nodeId;
    }
}
