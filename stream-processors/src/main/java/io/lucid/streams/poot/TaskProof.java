package io.lucid.streams.poot;

/**
 * A proof as the scoring works with it, after {@link ProofRules} checked it against the contract.
 *
 * @param submittedAt event time: when command-api accepted the proof (epoch milliseconds)
 */
public record TaskProof(String proofId, String nodeId, long slot, long epoch, ProofValues values, long submittedAt) {

    public ProofCredits credits() {
        return values.credits();
    }
}
