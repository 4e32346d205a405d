package io.lucid.streams.poot;

import io.lucid.events.payout.PayoutCancelled;
import io.lucid.events.payout.PayoutCalculated;
import io.lucid.events.payout.PayoutCompleted;
import io.lucid.events.payout.PayoutCreated;
import io.lucid.events.payout.PayoutFailed;
import io.lucid.events.payout.PayoutRetried;
import io.lucid.events.payout.PayoutStarted;
import io.lucid.streams.deadletter.ContractViolation;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Picks the cancelled payouts out of {@code lucid.payout.events}: their gross goes back to the node's balance at
 * the epoch close, so they travel to the same single partition as the proofs. The payout lifecycle's other events
 * concern the command side only and are passed over.
 */
final class PayoutReturnIntake extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    private static final Set<Class<?>> OTHER_PAYOUT_EVENTS = Set.of(PayoutCreated.class, PayoutStarted.class,
            PayoutCompleted.class, PayoutFailed.class, PayoutRetried.class, PayoutCalculated.class);

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof PayoutCancelled cancelled) {
            check(cancelled);
            context().forward(new Record<>(cancelled.getNodeId(), cancelled, cancelled.getCancelledAt().toEpochMilli(),
                    record.headers()));
        } else if (record.value() == null || !OTHER_PAYOUT_EVENTS.contains(record.value().getClass())) {
            throw new ContractViolation("unexpected-record", "lucid.payout.events does not carry "
                    + (record.value() == null ? "null values" : record.value().getSchema().getFullName()));
        }
    }

    private static void check(PayoutCancelled cancelled) {
        if (cancelled.getGross() <= 0) {
            throw new ContractViolation("invalid-payout", "payout " + cancelled.getPayoutId() + " returns gross "
                    + cancelled.getGross() + ", which is not positive");
        }
        if (!cancelled.getPayoutId().startsWith("payout_") || !cancelled.getPayoutId().endsWith("_" + cancelled.getNodeId())) {
            throw new ContractViolation("invalid-payout", "payout id " + cancelled.getPayoutId()
                    + " is not payout_{epoch}_" + cancelled.getNodeId());
        }
    }
}
