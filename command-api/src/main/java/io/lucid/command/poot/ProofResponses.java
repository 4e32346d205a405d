package io.lucid.command.poot;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.kit.problem.Problem;
import io.lucid.kit.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON answers of the task-proof endpoints, and how a writer's outcome becomes one. */
final class ProofResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ProofResponses.class);

    private ProofResponses() {
    }

    /** A stored proof: 201 the first time, 200 with the same body for a byte-identical resubmission. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Accepted(String proofId, String nodeId, long slot, long epoch, String type, Instant submittedAt) {
        static Accepted of(ProofReceipt receipt) {
            return new Accepted(receipt.proofId(), receipt.nodeId(), receipt.slot(), receipt.epoch(), receipt.type(),
                    receipt.submittedAt());
        }
    }

    /** One item of a batch answer: its position, its proof id when it has one, and its own status. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ItemResult(int index, @Nullable String proofId, int status, @Nullable String code, @Nullable String detail,
            @Nullable List<FieldError> errors, @Nullable Long epoch, @Nullable Instant submittedAt) {

        static ItemResult of(int index, SubmitTaskProofCommand proof, ProofWriter.Outcome outcome) {
            if (outcome instanceof ProofWriter.Outcome.Stored stored) {
                ProofReceipt r = stored.receipt();
                return new ItemResult(index, r.proofId(), r.created() ? 201 : 200, r.created() ? "created" : "already_stored",
                        null, null, r.epoch(), r.submittedAt());
            }
            return refused(index, proof, ((ProofWriter.Outcome.Refused) outcome).reason());
        }

        static ItemResult refused(int index, SubmitTaskProofCommand proof, CommandRejectedException reason) {
            String proofId = proof == null || proof.nodeId() == null || proof.slot() == null || proof.type() == null
                    ? null : proof.proofId();
            return new ItemResult(index, proofId, reason.status(), reason.code(), reason.getMessage(), reason.errors(),
                    null, null);
        }
    }

    /** The answer to a batch: counts, then one result per submitted item in order. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record BatchResult(int accepted, int rejected, List<ItemResult> results) {
        static BatchResult of(List<ItemResult> results) {
            int accepted = (int) results.stream().filter(r -> r.status() < 300).count();
            return new BatchResult(accepted, results.size() - accepted, results);
        }
    }

    /** The body of a batch submission. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Batch(@Nullable List<SubmitTaskProofCommand> proofs) {
    }

    static HttpResponse<Problem> problem(CommandRejectedException e) {
        return Problems.response(e);
    }

    /** A writer failure as the client sees it: its own rejection (503 overloaded), else 503 unavailable. */
    static CommandRejectedException asRejection(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CommandRejectedException rejection) {
            return rejection;
        }
        if (cause instanceof TimeoutException) {
            return new CommandRejectedException(503, "unavailable",
                    "no answer in time; resubmitting the identical proofs is safe (an identical resubmission is an idempotent success)");
        }
        LOG.warn("task proofs not stored", cause);
        return new CommandRejectedException(503, "unavailable", "the proofs could not be stored; nothing was stored, retry");
    }
}
