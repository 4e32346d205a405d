package io.lucid.streams.poot;

import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.streams.deadletter.ContractViolation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step of the scoring, on each partition of {@code lucid.poot.events} (keyed by proof id): checks each proof
 * against the contract and re-keys it by node id, with the proof's own submission time as the record time, so that
 * all proofs of a node meet in one task. Bad records become dead letters here, where the original bytes and
 * position are still known.
 */
final class ProofIntake extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {

    private final ProofRules rules;

    ProofIntake(ProofRules rules) {
        this.rules = rules;
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!(record.value() instanceof TaskProofSubmitted submitted)) {
            throw new ContractViolation("unexpected-record", "lucid.poot.events carries TaskProofSubmitted, not "
                    + (record.value() == null ? "a null value" : record.value().getSchema().getFullName()));
        }
        TaskProof proof = rules.check(submitted);
        context().forward(new Record<>(proof.nodeId(), submitted, proof.submittedAt(), record.headers()));
    }
}
