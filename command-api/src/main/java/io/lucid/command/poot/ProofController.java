package io.lucid.command.poot;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.kit.problem.FieldError;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.ratelimit.RateLimitSettings;
import io.lucid.command.ratelimit.RateLimiter;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Task proofs over REST (DOMAIN.md sections 5 and 8). A NODE token submits its own node's proofs only; an admin any
 * node's. Both endpoints hand their proofs to the {@link ProofWriter}, which stores many requests' proofs in one
 * transaction, and answer once those are committed: a single proof with 201 (200 for an identical resubmission) or
 * its problem; a batch of up to {@value #MAX_BATCH} with 200 and one result per item (status, code, detail), each
 * proof accepted or refused on its own. Neither blocks a thread while waiting.
 */
@Controller("/api/v1/poot/proofs")
@Secured({Roles.ADMIN, Roles.NODE})
public class ProofController {

    static final int MAX_BATCH = 1000;

    private final ProofWriter writer;
    private final PootSettings settings;
    private final RateLimiter limiter;
    private final RateLimitSettings limits;

    ProofController(ProofWriter writer, PootSettings settings, RateLimiter limiter, RateLimitSettings limits) {
        this.writer = writer;
        this.settings = settings;
        this.limiter = limiter;
        this.limits = limits;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> submit(@Body SubmitTaskProofCommand proof, HttpRequest<?> request,
            Principal principal) {
        if (proof.nodeId() != null) {
            principal.requireOwnNode(proof.nodeId());
        }
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        return written(List.of(new ProofWriter.Item(proof, provenance))).handle((outcomes, error) -> {
            ProofWriter.Outcome outcome = error == null ? outcomes.get(0) : new ProofWriter.Outcome.Refused(ProofResponses.asRejection(error));
            if (outcome instanceof ProofWriter.Outcome.Refused refused) {
                return ProofResponses.problem(refused.reason());
            }
            ProofReceipt receipt = ((ProofWriter.Outcome.Stored) outcome).receipt();
            HttpResponse<ProofResponses.Accepted> response = receipt.created()
                    ? HttpResponse.created(ProofResponses.Accepted.of(receipt))
                    : HttpResponse.ok(ProofResponses.Accepted.of(receipt));
            return response.toMutableResponse().header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
        });
    }

    @Post(uri = "/batch", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> submitBatch(@Body ProofResponses.Batch batch, HttpRequest<?> request,
            Principal principal) {
        List<SubmitTaskProofCommand> proofs = checkSize(batch.proofs());
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        ProofResponses.ItemResult[] results = new ProofResponses.ItemResult[proofs.size()];
        List<ProofWriter.Item> admitted = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < proofs.size(); i++) {
            SubmitTaskProofCommand proof = proofs.get(i);
            CommandRejectedException refusal = proof == null
                    ? CommandRejectedException.invalid(List.of(new FieldError("proofs[" + i + "]", "required", "a proof is required")))
                    : gate(proof, principal);
            if (refusal != null) {
                results[i] = ProofResponses.ItemResult.refused(i, proof, refusal);
            } else {
                admitted.add(new ProofWriter.Item(proof, provenance));
                positions.add(i);
            }
        }
        return written(admitted).handle((outcomes, error) -> {
            if (error != null) {
                return ProofResponses.problem(ProofResponses.asRejection(error));
            }
            for (int j = 0; j < positions.size(); j++) {
                int i = positions.get(j);
                results[i] = ProofResponses.ItemResult.of(i, proofs.get(i), outcomes.get(j));
            }
            return HttpResponse.ok(ProofResponses.BatchResult.of(List.of(results)))
                    .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
        });
    }

    private CompletableFuture<List<ProofWriter.Outcome>> written(List<ProofWriter.Item> items) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return writer.submit(items).orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<SubmitTaskProofCommand> checkSize(List<SubmitTaskProofCommand> proofs) {
        if (proofs == null || proofs.isEmpty()) {
            throw CommandRejectedException.invalid(List.of(new FieldError("proofs", "required", "proofs must list 1-" + MAX_BATCH + " proofs")));
        }
        if (proofs.size() > MAX_BATCH) {
            throw new CommandRejectedException(422, "batch_too_large", "a batch holds at most " + MAX_BATCH
                    + " proofs; this one has " + proofs.size(), List.of(new FieldError("proofs", "too_many", "at most " + MAX_BATCH + " proofs")));
        }
        return proofs;
    }

    /**
     * What is decided per item before any proof is written: may this principal speak for the proof's node (403), and
     * has that node proofs left this minute (429). The limit counts proofs per node, whoever submits them; a single
     * proof is counted by the rate-limit filter.
     */
    private CommandRejectedException gate(SubmitTaskProofCommand proof, Principal principal) {
        if (proof.nodeId() == null) {
            return null; // the field rules name the missing node id
        }
        try {
            principal.requireOwnNode(proof.nodeId());
        } catch (CommandRejectedException forbidden) {
            return forbidden;
        }
        if (limits.enabled() && limiter.tryConsume("proofs:node:" + proof.nodeId(), limits.taskProofs(), 1).isPresent()) {
            return new CommandRejectedException(429, "rate_limited",
                    "node " + proof.nodeId() + " submitted more than " + limits.taskProofs() + " proofs this minute");
        }
        return null;
    }
}
