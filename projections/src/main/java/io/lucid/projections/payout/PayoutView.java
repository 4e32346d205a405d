package io.lucid.projections.payout;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a {@code payout} row, as {@code GET /api/v1/payouts/{id}} serves it: one node's payout for one epoch
 * from its creation (PENDING) to COMPLETED or CANCELLED, with the amounts in micro-USDT, the attempt under way and
 * the outcome of the last attempt.
 *
 * @param state         PENDING, PROCESSING, COMPLETED, FAILED or CANCELLED; null only on a row made by an event read
 *                      before the creation, which the creation completes
 * @param gross         taken from the node's balance (micro-USDT); null until the creation is read
 * @param fee           kept as fee (micro-USDT)
 * @param net           transferred to the node (micro-USDT)
 * @param walletAddress the node's TRON address as the command side knew it at creation; null when it did not
 * @param attempt       the attempt under way or last made, from 1 (each retry starts the next one)
 * @param retryCount    how many times the payout was retried (attempt - 1; at most 3)
 * @param txHash        the transfer's transaction hash, once completed
 * @param failureReason why the last failed attempt failed; kept through a retry so the history stays visible
 * @param cancelReason  why it was cancelled, when the canceller said
 * @param startedAt     when the latest attempt started processing
 * @param failedAt      when the latest attempt failed
 * @param updatedAt     the time of the newest event applied
 */
public record PayoutView(
        String payoutId, String nodeId, Long epoch, String state, Long gross, Long fee, Long net,
        String walletAddress, int attempt, int retryCount, String txHash, String failureReason, String cancelReason,
        Instant createdAt, Instant startedAt, Instant completedAt, Instant failedAt, Instant cancelledAt,
        Instant updatedAt) {

    static final String PENDING = "PENDING";
    static final String PROCESSING = "PROCESSING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    /** {@code payout_{epoch}_{node_id}}: node ids start with {@code node_}, so the first {@code _} after the epoch splits. */
    private static final Pattern ID = Pattern.compile("payout_(\\d{1,18})_(.+)");

    /**
     * A row known only from an event read before the creation. Its node and epoch come from the payout id, so the
     * node's own token can read it and the filters find it.
     */
    static PayoutView stub(String payoutId) {
        Matcher id = ID.matcher(payoutId);
        boolean parsed = id.matches();
        return new PayoutView(payoutId, parsed ? id.group(2) : null, parsed ? Long.valueOf(id.group(1)) : null, null,
                null, null, null, null, 0, 0, null, null, null, null, null, null, null, null, null);
    }

    /** COMPLETED and CANCELLED are final: no later event moves a payout out of them. */
    boolean closed() {
        return COMPLETED.equals(state) || CANCELLED.equals(state);
    }

    PayoutView withCreation(String newNodeId, long newEpoch, long newGross, long newFee, long newNet, String wallet,
            Instant at) {
        // A transition read before the creation keeps its state and attempt.
        return new PayoutView(payoutId, newNodeId, newEpoch, state == null ? PENDING : state, newGross, newFee,
                newNet, wallet, Math.max(attempt, 1), retryCount, txHash, failureReason, cancelReason, at, startedAt,
                completedAt, failedAt, cancelledAt, latest(updatedAt, at));
    }

    PayoutView withStart(Instant at) {
        return new PayoutView(payoutId, nodeId, epoch, PROCESSING, gross, fee, net, walletAddress, Math.max(attempt, 1),
                retryCount, txHash, failureReason, cancelReason, createdAt, at, completedAt, failedAt, cancelledAt,
                latest(updatedAt, at));
    }

    PayoutView withCompletion(String hash, Instant at) {
        return new PayoutView(payoutId, nodeId, epoch, COMPLETED, gross, fee, net, walletAddress, Math.max(attempt, 1),
                retryCount, hash, failureReason, cancelReason, createdAt, startedAt, at, failedAt, cancelledAt,
                latest(updatedAt, at));
    }

    PayoutView withFailure(String reason, int failedAttempt, Instant at) {
        int newAttempt = Math.max(attempt, failedAttempt);
        return new PayoutView(payoutId, nodeId, epoch, FAILED, gross, fee, net, walletAddress, newAttempt,
                newAttempt - 1, txHash, reason, cancelReason, createdAt, startedAt, completedAt, at, cancelledAt,
                latest(updatedAt, at));
    }

    PayoutView withCancellation(String cancellingNode, long returnedGross, String reason, Instant at) {
        return new PayoutView(payoutId, nodeId == null ? cancellingNode : nodeId, epoch, CANCELLED,
                gross == null ? Long.valueOf(returnedGross) : gross, fee, net, walletAddress, Math.max(attempt, 1),
                retryCount, txHash, failureReason, reason, createdAt, startedAt, completedAt, failedAt, at,
                latest(updatedAt, at));
    }

    PayoutView withRetry(int newAttempt, Instant at) {
        int next = Math.max(attempt, newAttempt);
        return new PayoutView(payoutId, nodeId, epoch, PENDING, gross, fee, net, walletAddress, next, next - 1,
                txHash, failureReason, cancelReason, createdAt, startedAt, completedAt, failedAt, cancelledAt,
                latest(updatedAt, at));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
