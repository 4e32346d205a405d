package io.lucid.command.payout;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.node.FreeText;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.validation.FieldViolations;
import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A payout of one node's earnings for one epoch (DOMAIN.md section 5), id {@code payout_{epoch}_{node_id}}.
 * PENDING -> PROCESSING -> COMPLETED{tx_hash} | FAILED{reason}; PENDING -> CANCELLED; FAILED -> PENDING again, at most
 * {@value #MAX_RETRIES} times. An illegal transition is a 409 naming the current state; a fourth retry is a 422.
 */
public class Payout {

    static final int MAX_RETRIES = 3;
    static final int MAX_TEXT = 500;
    private static final Pattern TX_HASH = Pattern.compile("^[A-Za-z0-9_:-]{1,128}$");

    @AggregateIdentifier
    private String payoutId;
    private String nodeId;
    private long gross;
    private PayoutStatus status;
    /** The attempt under way or last made, from 1; each retry starts the next one. */
    private int attempt;

    /** Axon creates the aggregate (and rebuilds it from its events) through this constructor. */
    protected Payout() {
    }

    /** Creates the payout, or does nothing when it exists: a process manager may deliver a calculation twice. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PayoutStatus handle(CreatePayoutCommand command, Clock clock) {
        if (status != null) {
            return status;
        }
        checkCalculation(command);
        apply(PayoutCreated.newBuilder()
                .setPayoutId(command.payoutId())
                .setEpoch(command.epoch())
                .setNodeId(command.nodeId())
                .setWalletAddress(command.walletAddress())
                .setGross(command.gross())
                .setFee(command.fee())
                .setNet(command.net())
                .setCreatedAt(clock.instant())
                .build());
        return status;
    }

    @CommandHandler
    PayoutStatus handle(StartPayoutCommand command, Clock clock) {
        requireStatus("start", PayoutStatus.PENDING);
        apply(new PayoutStarted(payoutId, clock.instant()));
        return status;
    }

    @CommandHandler
    PayoutStatus handle(CompletePayoutCommand command, Clock clock) {
        requireStatus("complete", PayoutStatus.PROCESSING);
        FieldViolations v = new FieldViolations();
        if (v.required("tx_hash", command.txHash()) && !TX_HASH.matcher(command.txHash()).matches()) {
            v.add("tx_hash", "invalid_format", "tx_hash must be 1-128 letters, digits, '_', ':' or '-'");
        }
        v.throwIfAny();
        apply(new PayoutCompleted(payoutId, command.txHash(), clock.instant()));
        return status;
    }

    @CommandHandler
    PayoutStatus handle(FailPayoutCommand command, Clock clock) {
        requireStatus("fail", PayoutStatus.PROCESSING);
        FieldViolations v = new FieldViolations();
        if (v.required("reason", command.reason())) {
            v.length("reason", command.reason(), 1, MAX_TEXT);
        }
        cleanText(v, command.reason());
        v.throwIfAny();
        apply(new PayoutFailed(payoutId, command.reason(), attempt, clock.instant()));
        return status;
    }

    @CommandHandler
    PayoutStatus handle(CancelPayoutCommand command, Clock clock) {
        requireStatus("cancel", PayoutStatus.PENDING);
        FieldViolations v = new FieldViolations();
        v.length("reason", command.reason(), 1, MAX_TEXT);
        cleanText(v, command.reason());
        v.throwIfAny();
        apply(new PayoutCancelled(payoutId, nodeId, gross, command.reason(), clock.instant()));
        return status;
    }

    @CommandHandler
    PayoutStatus handle(RetryPayoutCommand command, Clock clock) {
        requireStatus("retry", PayoutStatus.FAILED);
        if (attempt > MAX_RETRIES) {
            throw new CommandRejectedException(422, "retry_limit_reached",
                    "payout " + payoutId + " was retried " + MAX_RETRIES + " times already");
        }
        apply(new PayoutRetried(payoutId, attempt + 1, clock.instant()));
        return status;
    }

    @EventSourcingHandler
    void on(PayoutCreated event) {
        payoutId = event.getPayoutId();
        nodeId = event.getNodeId();
        gross = event.getGross();
        status = PayoutStatus.PENDING;
        attempt = 1;
    }

    @EventSourcingHandler
    void on(PayoutStarted event) {
        status = PayoutStatus.PROCESSING;
    }

    @EventSourcingHandler
    void on(PayoutCompleted event) {
        status = PayoutStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(PayoutFailed event) {
        status = PayoutStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PayoutCancelled event) {
        status = PayoutStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(PayoutRetried event) {
        status = PayoutStatus.PENDING;
        attempt = event.getAttempt();
    }

    PayoutStatus status() {
        return status;
    }

    int attempt() {
        return attempt;
    }

    /** The calculation must be internally consistent: its id names its epoch and node, and net = gross - fee. */
    private static void checkCalculation(CreatePayoutCommand c) {
        FieldViolations v = new FieldViolations();
        if (v.required("node_id", c.nodeId()) && !c.payoutId().equals(PayoutIds.of(c.epoch(), c.nodeId()))) {
            v.add("payout_id", "invalid_format", "payout_id must be payout_{epoch}_{node_id}");
        }
        v.range("epoch", c.epoch(), 0, Long.MAX_VALUE);
        v.range("gross", c.gross(), 1, Long.MAX_VALUE);
        v.range("fee", c.fee(), 0, c.gross());
        if (c.net() != c.gross() - c.fee()) {
            v.add("net", "inconsistent", "net must be gross - fee");
        }
        v.throwIfAny();
    }

    /** A reason ends up in the read model: no NUL or other control character (see {@link FreeText}). */
    private static void cleanText(FieldViolations v, String reason) {
        if (!FreeText.isClean(reason)) {
            v.add("reason", "invalid_characters", "reason must not contain control characters");
        }
    }

    private void requireStatus(String action, PayoutStatus... allowed) {
        if (!Set.of(allowed).contains(status)) {
            throw new CommandRejectedException(409, "illegal_transition",
                    "cannot " + action + ": payout " + payoutId + " is " + status);
        }
    }
}
