package io.lucid.command.poot;

import io.lucid.command.node.NodeRegistrationRules;
import io.lucid.command.validation.FieldViolations;
import java.util.Base64;

/**
 * The field rules of a task proof (DOMAIN.md section 5), all checked at once (422 naming every broken field):
 * node id, slot and type present and well-formed; the value fields of the type present, non-negative, and no
 * field of another type; sessions_relayed at least 1 (1 when absent); uptime_seconds at most the slot length;
 * the signature the base64 of 64 bytes. Whether the signature verifies is not a field rule (401, see
 * {@link ProofAdmission}).
 */
final class ProofFieldRules {

    static final int SIGNATURE_BYTES = 64;

    private ProofFieldRules() {
    }

    /** The proof with defaults filled in (sessions_relayed = 1), or 422 listing every broken field rule. */
    static SubmitTaskProofCommand checked(SubmitTaskProofCommand proof, long slotSeconds) {
        FieldViolations v = new FieldViolations();
        if (v.required("node_id", proof.nodeId()) && !NodeRegistrationRules.isNodeId(proof.nodeId())) {
            v.add("node_id", "invalid_format", "node_id must match ^node_[a-zA-Z0-9_-]+$ and be 8-64 characters long");
        }
        v.required("slot", proof.slot());
        ProofKind kind = null;
        if (v.required("type", proof.type())) {
            kind = ProofKind.named(proof.type()).orElse(null);
            if (kind == null) {
                v.add("type", "unknown_value",
                        "type must be one of relay_bandwidth, storage_availability, validation_signature, uptime_beacon");
            }
        }
        ProofValue value = proof.value();
        if (v.required("value", value) && kind != null) {
            value = checkValue(kind, value, slotSeconds, v);
        }
        if (v.required("signature", proof.signature()) && !isSignature(proof.signature())) {
            v.add("signature", "invalid_format", "signature must be the base64 of a 64-byte Ed25519 signature");
        }
        v.throwIfAny();
        return new SubmitTaskProofCommand(proof.nodeId(), proof.slot(), proof.type(), value, proof.signature());
    }

    private static ProofValue checkValue(ProofKind kind, ProofValue value, long slotSeconds, FieldViolations v) {
        for (ProofKind.Field field : ProofKind.ALL_FIELDS) {
            Long number = field.reader().apply(value);
            String path = "value." + field.name();
            if (!kind.fields().contains(field)) {
                if (number != null) {
                    v.add(path, "not_allowed", field.name() + " is not a value of " + kind.name() + " proofs");
                }
            } else if (kind == ProofKind.relay_bandwidth && field.name().equals("sessions_relayed")) {
                v.range(path, number, 1, Long.MAX_VALUE);
            } else if (v.required(path, number)) {
                v.range(path, number, 0, kind == ProofKind.uptime_beacon ? slotSeconds : Long.MAX_VALUE);
            }
        }
        if (kind == ProofKind.relay_bandwidth && value.sessionsRelayed() == null) {
            return new ProofValue(value.bytesTransferred(), 1L, null, null, null, null);
        }
        return value;
    }

    private static boolean isSignature(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length == SIGNATURE_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
