package io.lucid.streams.poot;

/**
 * What proofs are worth, per kind: relay, storage and validation credits, uptime seconds (beacons earn no credits,
 * only uptime), and how many proofs were counted. Used for one proof and, summed, for an epoch or a window. Sums are
 * exact: an overflow is an {@link ArithmeticException}, never a wrapped number.
 */
public record ProofCredits(long relay, long storage, long validation, long uptimeSeconds, long proofs) {

    public static final ProofCredits ZERO = new ProofCredits(0, 0, 0, 0, 0);

    public ProofCredits {
        if (relay < 0 || storage < 0 || validation < 0 || uptimeSeconds < 0 || proofs < 0) {
            throw new IllegalArgumentException("credits are never negative");
        }
    }

    public static ProofCredits relay(long credits) {
        return new ProofCredits(credits, 0, 0, 0, 1);
    }

    public static ProofCredits storage(long credits) {
        return new ProofCredits(0, credits, 0, 0, 1);
    }

    public static ProofCredits validation(long credits) {
        return new ProofCredits(0, 0, credits, 0, 1);
    }

    public static ProofCredits uptime(long seconds) {
        return new ProofCredits(0, 0, 0, seconds, 1);
    }

    /** relay + storage + validation. */
    public long total() {
        return Math.addExact(Math.addExact(relay, storage), validation);
    }

    public ProofCredits plus(ProofCredits other) {
        return new ProofCredits(Math.addExact(relay, other.relay), Math.addExact(storage, other.storage),
                Math.addExact(validation, other.validation), Math.addExact(uptimeSeconds, other.uptimeSeconds),
                Math.addExact(proofs, other.proofs));
    }
}
