package io.lucid.command.poot;

import io.lucid.command.node.NodeDirectory;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.schemas.poot.PootTimeBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of a new task proof that depend on the world rather than on its fields (DOMAIN.md section 5): the node
 * is registered (404) and not deregistered (409); the slot lies within [current slot - 30, current slot + 1] on the
 * PoOT time base (422); its epoch has not closed (422 {@code epoch_closed}: the stream processors would drop it); the
 * signature verifies with the node's registered key (401). Checked in that order, after the field rules. The {@link TaskProof} aggregate takes it as a handler parameter.
 */
public final class ProofAdmission {

    /** The window of slots a proof may name, relative to the current slot (shared with the stream processors' check). */
    static final long SLOTS_BEHIND = 30;
    static final long SLOTS_AHEAD = 1;

    private final Function<String, Optional<NodeDirectory.Entry>> nodes;
    private final PootTimeBase timeBase;
    private final Duration closeGrace;
    private final Clock clock;
    private final ProofSignatures signatures;

    ProofAdmission(Function<String, Optional<NodeDirectory.Entry>> nodes, PootTimeBase timeBase, Duration closeGrace,
            Clock clock, ProofSignatures signatures) {
        this.nodes = nodes;
        this.timeBase = timeBase;
        this.closeGrace = closeGrace;
        this.clock = clock;
        this.signatures = signatures;
    }

    /** The same rules, answered from entries read ahead for a whole batch (absent = not registered). */
    ProofAdmission withNodes(Map<String, NodeDirectory.Entry> readAhead) {
        return new ProofAdmission(nodeId -> Optional.ofNullable(readAhead.get(nodeId)), timeBase, closeGrace, clock,
                signatures);
    }

    PootTimeBase timeBase() {
        return timeBase;
    }

    /** Where an admitted proof sits in time. */
    record Admitted(long epoch, Instant submittedAt) {
    }

    /** Admits a field-checked proof, or refuses it with the first broken rule. */
    Admitted admit(SubmitTaskProofCommand proof) {
        NodeDirectory.Entry node = nodes.apply(proof.nodeId()).orElseThrow(() ->
                new CommandRejectedException(404, "node_not_found", "no node is registered under the id " + proof.nodeId()));
        if (!node.isLive()) {
            throw new CommandRejectedException(409, "node_deregistered", "node " + proof.nodeId() + " is DEREGISTERED");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the event keeps: a replay answers the same
        long current = timeBase.slotAt(now);
        if (proof.slot() < current - SLOTS_BEHIND || proof.slot() > current + SLOTS_AHEAD) {
            throw new CommandRejectedException(422, "slot_out_of_window", "slot " + proof.slot() + " is outside ["
                    + (current - SLOTS_BEHIND) + ", " + (current + SLOTS_AHEAD) + "] (the current slot is " + current + ")");
        }
        long epoch = timeBase.epochOfSlot(proof.slot());
        Instant closesAt = timeBase.slotStart((epoch + 1) * timeBase.slotsPerEpoch()).plus(closeGrace);
        if (!now.isBefore(closesAt)) {
            throw new CommandRejectedException(422, "epoch_closed", "epoch " + epoch + " of slot " + proof.slot()
                    + " closed at " + closesAt + "; its tally is final and takes no more proofs");
        }
        if (!signatures.verify(node.publicKey(), proof.signedText(), proof.signature())) {
            throw new CommandRejectedException(401, "invalid_signature",
                    "the signature does not verify with the public key registered for node " + proof.nodeId());
        }
        return new Admitted(epoch, now);
    }
}
