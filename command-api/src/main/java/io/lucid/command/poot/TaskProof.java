package io.lucid.command.poot;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.events.poot.RelayBandwidth;
import io.lucid.events.poot.StorageAvailability;
import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.events.poot.UptimeBeacon;
import io.lucid.events.poot.ValidationSignature;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One task proof (DOMAIN.md section 5), identified by {@code {node_id}:{slot}:{type}}: the event store's unique
 * (aggregate id, sequence) key makes a second proof for the same node, slot and type impossible, even from two
 * command-api instances at once. A byte-identical resubmission (same fields after defaults, same signature) is an
 * idempotent success returning the first receipt; anything else under the same id is a 409.
 */
public class TaskProof {

    @AggregateIdentifier
    private String proofId;
    private TaskProofSubmitted submitted;

    /** Axon creates the aggregate (and rebuilds it from its event) through this constructor. */
    protected TaskProof() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ProofReceipt handle(SubmitTaskProofCommand command, ProofAdmission admission) {
        SubmitTaskProofCommand proof = ProofFieldRules.checked(command, admission.timeBase().slotSeconds());
        if (submitted != null) {
            return resubmitted(proof);
        }
        ProofAdmission.Admitted admitted = admission.admit(proof);
        TaskProofSubmitted event = submittedEvent(proof, admitted);
        apply(event);
        return receipt(event, true);
    }

    @EventSourcingHandler
    void on(TaskProofSubmitted event) {
        proofId = event.getProofId();
        submitted = event;
    }

    TaskProofSubmitted submitted() {
        return submitted;
    }

    private ProofReceipt resubmitted(SubmitTaskProofCommand proof) {
        if (!submittedEvent(proof, new ProofAdmission.Admitted(submitted.getEpoch(), submitted.getSubmittedAt())).equals(submitted)) {
            throw CommandRejectedException.conflict("proof_conflict",
                    "proof " + proofId + " was already submitted with other values or another signature");
        }
        return receipt(submitted, false);
    }

    private static ProofReceipt receipt(TaskProofSubmitted event, boolean created) {
        return new ProofReceipt(event.getProofId(), event.getNodeId(), event.getSlot(), event.getEpoch(),
                event.getProofType().name(), event.getSubmittedAt(), created);
    }

    private static TaskProofSubmitted submittedEvent(SubmitTaskProofCommand proof, ProofAdmission.Admitted admitted) {
        ProofKind kind = ProofKind.named(proof.type()).orElseThrow();
        ProofValue v = proof.value();
        TaskProofSubmitted.Builder event = TaskProofSubmitted.newBuilder()
                .setProofId(proof.proofId())
                .setNodeId(proof.nodeId())
                .setSlot(proof.slot())
                .setEpoch(admitted.epoch())
                .setProofType(kind.avroType())
                .setSignature(proof.signature())
                .setSubmittedAt(admitted.submittedAt());
        switch (kind) {
            case relay_bandwidth -> event.setRelayBandwidth(new RelayBandwidth(v.bytesTransferred(), v.sessionsRelayed()));
            case storage_availability -> event.setStorageAvailability(new StorageAvailability(v.chunksStored(), v.sizeBytes()));
            case validation_signature -> event.setValidationSignature(new ValidationSignature(v.validatedSessions()));
            case uptime_beacon -> event.setUptimeBeacon(new UptimeBeacon(v.uptimeSeconds()));
        }
        return Objects.requireNonNull(event.build());
    }
}
