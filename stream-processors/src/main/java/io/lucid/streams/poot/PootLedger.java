package io.lucid.streams.poot;

import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.poot.NodeScoreUpdated;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.schemas.topic.Topics;
import io.lucid.streams.DerivedHeaders;
import io.lucid.streams.Sensors;
import io.lucid.streams.deadletter.ContractViolation;
import io.lucid.streams.reward.EpochSettlement;
import io.lucid.streams.reward.RewardSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PoOT ledger, on the single partition that every checked proof and every cancelled payout is sent to. For
 * each new proof it adds the proof's credits to its node's ledger and publishes the node's {@link WindowScore}
 * over the window of the proof's epoch; when the watermark passes an epoch's end plus the grace, it closes the
 * epoch: tally, rewards, payouts ({@link EpochSettlement}).
 *
 * <p>One partition, because an epoch close is a global decision: a tally needs every node's numbers, and with a
 * watermark per partition an epoch would close on one partition while proofs of it still flow on another. Scores
 * live here too, so a proof counts in both its node's score and the epoch's tally, or in neither.
 *
 * <p>Time is event time only. The watermark is the highest {@code submitted_at} seen (kept in a store, so a
 * restart resumes it), the proof's own time included: a proof whose epoch is closed at that watermark is late. It
 * is counted ({@value Sensors#LATE_PROOFS}), logged, and changes nothing. A proof id counted before is a
 * redelivery: counted ({@value Sensors#DUPLICATE_PROOFS}) and ignored. Epochs close one after the other from the
 * network's first (the epoch of its first proof), empty ones included, so an empty epoch's pool is carried; each
 * close's records carry the close time (the epoch's end plus the grace).
 */
final class PootLedger extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    static final String NODES = "poot-node-ledgers";
    static final String CLOCK = "poot-clock";
    static final String ACCOUNTS = "poot-accounts";
    static final String RETURNED = "poot-returned-payouts";

    private static final Logger log = LoggerFactory.getLogger(PootLedger.class);
    private static final String KEY = "clock";

    private final PootClock clock;
    private final RewardSettings rewards;
    private final ProofRules rules;
    private final int slotsPerEpoch;
    private KeyValueStore<String, NodeState> nodes;
    private KeyValueStore<String, EpochClock> clocks;
    private KeyValueStore<String, Account> accounts;
    private KeyValueStore<String, Long> returned;
    private Sensor late;
    private Sensor duplicates;
    /** The stored clock, read once per task: it changes with almost every proof, so it is written when it does. */
    private EpochClock current;

    PootLedger(PootClock clock, RewardSettings rewards) {
        this.clock = clock;
        this.rewards = rewards;
        this.rules = new ProofRules(clock);
        this.slotsPerEpoch = clock.settings().slotsPerEpoch();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        nodes = context.getStateStore(NODES);
        clocks = context.getStateStore(CLOCK);
        accounts = context.getStateStore(ACCOUNTS);
        returned = context.getStateStore(RETURNED);
        EpochClock stored = clocks.get(KEY);
        current = stored == null ? EpochClock.START : stored;
        late = Sensors.counter(context, "poot-ledger", Sensors.LATE_PROOFS);
        duplicates = Sensors.counter(context, "poot-ledger", Sensors.DUPLICATE_PROOFS);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof TaskProofSubmitted submitted) {
            onProof(rules.read(submitted), record.headers());
        } else if (record.value() instanceof PayoutCancelled cancelled) {
            onCancelled(cancelled);
        } else {
            throw new ContractViolation("unexpected-record", "the PoOT ledger takes proofs and cancelled payouts, not "
                    + record.value());
        }
    }

    private void onProof(TaskProof proof, Headers cause) {
        EpochClock state = current.seen(proof.epoch(), proof.submittedAt());
        if (clock.isClosed(proof.epoch(), state.watermark())) {
            late.record();
            log.warn("late proof {} of epoch {}: the epoch closed at {} (watermark {}); nothing changes",
                    proof.proofId(), proof.epoch(), clock.closesAt(proof.epoch()), state.watermark());
        } else {
            count(proof, cause);
        }
        while (state.nextEpoch() != EpochClock.NONE && clock.isClosed(state.nextEpoch(), state.watermark())) {
            state = close(state);
        }
        if (!state.equals(current)) {
            clocks.put(KEY, state);
            current = state;
        }
    }

    private void count(TaskProof proof, Headers cause) {
        NodeState node = nodes.get(proof.nodeId());
        node = node == null ? NodeState.EMPTY : node;
        int bit = proof.values().type().ordinal() * slotsPerEpoch + (int) (proof.slot() - proof.epoch() * slotsPerEpoch);
        if (node.seen().contains(proof.epoch(), bit)) {
            duplicates.record();
            return;
        }
        NodeLedger ledger = node.ledger().add(proof.epoch(), proof.credits());
        WindowScore score = ledger.score(proof.epoch(), clock);
        NodeScoreUpdated update = scoreUpdate(proof, score);
        nodes.put(proof.nodeId(), new NodeState(ledger, node.seen().with(proof.epoch(), bit, 4 * slotsPerEpoch),
                node.published() + 1));
        context().forward(new Record<>(proof.nodeId(), update, proof.submittedAt(), DerivedHeaders.of(
                Topics.POOT_SCORES.name(), "poot", update, proof.nodeId(), node.published(), proof.submittedAt(), cause)));
    }

    /** Built before any state changes: a weight the record cannot carry rejects the proof. */
    private NodeScoreUpdated scoreUpdate(TaskProof proof, WindowScore score) {
        try {
            return ScoreRecords.scoreUpdated(proof.nodeId(), score, Math.max(0, clock.windowStart(proof.epoch())),
                    proof.proofId(), proof.submittedAt());
        } catch (ArithmeticException e) {
            throw new ContractViolation("score-out-of-range", "proof " + proof.proofId() + " would make the weight of "
                    + proof.nodeId() + " exceed what NodeScoreUpdated can carry");
        }
    }

    /** The gross of a cancelled payout returns to the balance once, however often the event is delivered. */
    private void onCancelled(PayoutCancelled cancelled) {
        if (returned.get(cancelled.getPayoutId()) != null) {
            return;
        }
        returned.put(cancelled.getPayoutId(), cancelled.getGross());
        Account account = account(cancelled.getNodeId());
        accounts.put(cancelled.getNodeId(),
                new Account(Math.addExact(account.balance(), cancelled.getGross()), account.published()));
    }

    private EpochClock close(EpochClock state) {
        long epoch = state.nextEpoch();
        long at = clock.closesAt(epoch);
        EpochSettlement settlement = EpochSettlement.settle(epoch, windowSumsAndPrune(epoch), clock.windowSeconds(),
                state.carry(), balances(), rewards);
        // Epochs close one after the other, so the previous close is epoch - 1 once any epoch has closed.
        EpochOutputs outputs = new EpochOutputs(clock, epoch, state.closedAny() ? Long.valueOf(epoch - 1) : null, at,
                settlement);
        context().forward(outputs.tally());
        Map<String, Account> touched = new TreeMap<>();
        for (var reward : settlement.split().rewards().entrySet()) {
            Account account = touched.computeIfAbsent(reward.getKey(), this::account);
            context().forward(outputs.reward(reward.getKey(), reward.getValue(), account.published()));
            touched.put(reward.getKey(), new Account(account.balance(), account.published() + 1));
        }
        context().forward(outputs.distribution());
        for (var payout : settlement.payouts().entrySet()) {
            Account account = touched.computeIfAbsent(payout.getKey(), this::account);
            context().forward(outputs.payout(payout.getKey(), payout.getValue(), account.published()));
            touched.put(payout.getKey(), new Account(account.balance(), account.published() + 1));
        }
        touched.forEach((node, account) -> accounts.put(node,
                new Account(settlement.balancesAfter().getOrDefault(node, 0L), account.published())));
        log.info("epoch {} closed: {} nodes tallied, {} ranked, pool {} micro-USDT, carry {}, {} payouts", epoch,
                settlement.tally().entries().size(), settlement.tally().ranked().size(), settlement.split().pool(),
                settlement.split().carry(), settlement.payouts().size());
        return state.closed(epoch, settlement.split().carry());
    }

    /**
     * Each node's sums over the window of {@code epoch}, by node id. The same pass drops what no later window and no
     * open epoch needs any more, so the per-node entries stay small.
     */
    private Map<String, ProofCredits> windowSumsAndPrune(long epoch) {
        Map<String, ProofCredits> sums = new TreeMap<>();
        Map<String, NodeState> pruned = new HashMap<>();
        long first = clock.windowStart(epoch);
        try (KeyValueIterator<String, NodeState> it = nodes.all()) {
            while (it.hasNext()) {
                KeyValue<String, NodeState> entry = it.next();
                ProofCredits sum = entry.value.ledger().windowSum(first, epoch);
                if (sum.proofs() > 0) {
                    sums.put(entry.key, sum);
                }
                NodeState next = entry.value.prunedFor(epoch + 1, clock);
                if (!next.equals(entry.value)) {
                    pruned.put(entry.key, next);
                }
            }
        }
        pruned.forEach(nodes::put);
        return sums;
    }

    private Map<String, Long> balances() {
        Map<String, Long> balances = new HashMap<>();
        try (KeyValueIterator<String, Account> it = accounts.all()) {
            while (it.hasNext()) {
                KeyValue<String, Account> entry = it.next();
                balances.put(entry.key, entry.value.balance());
            }
        }
        return balances;
    }

    private Account account(String nodeId) {
        Account account = accounts.get(nodeId);
        return account == null ? Account.EMPTY : account;
    }
}
