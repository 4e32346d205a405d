package io.lucid.command.poot;

import java.time.Instant;

/**
 * What a submitter learns about a stored proof. A byte-identical resubmission gets the same receipt again, with
 * {@code created} false.
 */
record ProofReceipt(String proofId, String nodeId, long slot, long epoch, String type, Instant submittedAt, boolean created) {
}
