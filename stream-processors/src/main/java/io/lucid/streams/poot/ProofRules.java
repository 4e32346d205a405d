package io.lucid.streams.poot;

import io.lucid.events.poot.TaskProofSubmitted;
import io.lucid.streams.deadletter.ContractViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contract of a {@code TaskProofSubmitted} as the stream processors check it before a proof counts: the value
 * record matching the type is the only one set, values are within their ranges, the proof id and epoch agree with
 * the fields, and the slot lies in the window command-api accepts ([current slot - 30, current slot + 1] at
 * submission). The last check also keeps a record with a wild timestamp from dragging the event-time watermark
 * forward and closing epochs early. A proof that fails goes to the dead-letter topic, never into a score.
 */
public final class ProofRules {

    /** command-api accepts proofs for slots from 30 before the current one ... */
    public static final long ACCEPTED_SLOTS_BEHIND = 30;
    /** ... up to the next one. */
    public static final long ACCEPTED_SLOTS_AHEAD = 1;

    static final String INVALID_PROOF = "invalid-proof";

    private final PootClock clock;

    public ProofRules(PootClock clock) {
        this.clock = clock;
    }

    /**
     * The proof, checked.
     *
     * @throws ContractViolation listing every rule the record breaks
     */
    public TaskProof check(TaskProofSubmitted record) {
        List<String> problems = new ArrayList<>();
        Optional<ProofValues> values = values(record, problems);
        values.flatMap(v -> v.violation(clock.settings().slotSeconds())).ifPresent(problems::add);
        if (!isNodeId(record.getNodeId())) {
            problems.add("node_id '" + record.getNodeId() + "' is not a node id");
        }
        if (record.getSlot() < 0) {
            problems.add("slot " + record.getSlot() + " is before genesis");
        } else if (record.getEpoch() != clock.epochOfSlot(record.getSlot())) {
            problems.add("epoch " + record.getEpoch() + " is not the epoch of slot " + record.getSlot() + " ("
                    + clock.epochOfSlot(record.getSlot()) + "): are the PoOT settings the same as command-api's?");
        }
        long submittedSlot = clock.slotAt(record.getSubmittedAt().toEpochMilli());
        if (record.getSlot() < submittedSlot - ACCEPTED_SLOTS_BEHIND || record.getSlot() > submittedSlot + ACCEPTED_SLOTS_AHEAD) {
            problems.add("slot " + record.getSlot() + " is outside the accepted window around slot " + submittedSlot
                    + " of submitted_at " + record.getSubmittedAt());
        }
        String expectedId = record.getNodeId() + ":" + record.getSlot() + ":" + record.getProofType().name();
        if (!expectedId.equals(record.getProofId())) {
            problems.add("proof_id '" + record.getProofId() + "' is not " + expectedId);
        }
        if (!problems.isEmpty()) {
            throw new ContractViolation(INVALID_PROOF, "proof " + record.getProofId() + ": " + String.join("; ", problems));
        }
        return new TaskProof(record.getProofId(), record.getNodeId(), record.getSlot(), record.getEpoch(), values.get(),
                record.getSubmittedAt().toEpochMilli());
    }

    /** {@code ^node_[a-zA-Z0-9_-]+$}, 8 to 64 characters (DOMAIN.md section 4); a loop, as it runs for every proof. */
    static boolean isNodeId(String id) {
        if (id.length() < 8 || id.length() > 64 || !id.startsWith("node_")) {
            return false;
        }
        for (int i = 5; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The proof of a record that {@link #check} accepted before (the internal topics carry only those): the same
     * mapping without the checks.
     */
    public TaskProof read(TaskProofSubmitted record) {
        ProofValues values = values(record, new ArrayList<>())
                .orElseThrow(() -> new ContractViolation(INVALID_PROOF, "proof " + record.getProofId() + " has no values"));
        return new TaskProof(record.getProofId(), record.getNodeId(), record.getSlot(), record.getEpoch(), values,
                record.getSubmittedAt().toEpochMilli());
    }

    /** The value record named by the type; the others must be absent. */
    private static Optional<ProofValues> values(TaskProofSubmitted r, List<String> problems) {
        int set = (r.getRelayBandwidth() != null ? 1 : 0) + (r.getStorageAvailability() != null ? 1 : 0)
                + (r.getValidationSignature() != null ? 1 : 0) + (r.getUptimeBeacon() != null ? 1 : 0);
        if (set != 1) {
            problems.add(set + " value records are set, exactly one must be");
        }
        Optional<ProofValues> values = switch (r.getProofType()) {
            case relay_bandwidth -> Optional.ofNullable(r.getRelayBandwidth())
                    .map(v -> new ProofValues.RelayBandwidth(v.getBytesTransferred(), v.getSessionsRelayed()));
            case storage_availability -> Optional.ofNullable(r.getStorageAvailability())
                    .map(v -> new ProofValues.StorageAvailability(v.getChunksStored(), v.getSizeBytes()));
            case validation_signature -> Optional.ofNullable(r.getValidationSignature())
                    .map(v -> new ProofValues.ValidationSignature(v.getValidatedSessions()));
            case uptime_beacon -> Optional.ofNullable(r.getUptimeBeacon())
                    .map(v -> new ProofValues.UptimeBeacon(v.getUptimeSeconds()));
            default -> Optional.empty();
        };
        if (values.isEmpty()) {
            problems.add("no value record for proof type " + r.getProofType());
        }
        return values;
    }
}
