package io.lucid.command.payout;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.web.Commands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.function.Function;

/**
 * The payment operator's side of the payout lifecycle (DOMAIN.md section 5): start, complete, fail, cancel and retry.
 * ADMIN only: moving money is not among OPERATOR's duties in DOMAIN.md section 7 (docs/nodes-proofs-payouts.md).
 * Payouts themselves are created by the {@link PayoutProcessManager}, never over REST.
 */
@Controller("/api/v1/payouts/{id}")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
public class PayoutController {

    private final Commands commands;

    PayoutController(Commands commands) {
        this.commands = commands;
    }

    @Post(uri = "/start", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> start(@PathVariable String id, HttpRequest<?> request, Principal principal) {
        return send(id, StartPayoutCommand::new, request, principal);
    }

    @Post(uri = "/complete", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> complete(@PathVariable String id, @Body Completion body, HttpRequest<?> request,
            Principal principal) {
        return send(id, payoutId -> new CompletePayoutCommand(payoutId, body.txHash()), request, principal);
    }

    @Post(uri = "/fail", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> fail(@PathVariable String id, @Body Reason body, HttpRequest<?> request, Principal principal) {
        return send(id, payoutId -> new FailPayoutCommand(payoutId, body.reason()), request, principal);
    }

    @Post(uri = "/cancel", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> cancel(@PathVariable String id, @Body @Nullable Reason body, HttpRequest<?> request,
            Principal principal) {
        return send(id, payoutId -> new CancelPayoutCommand(payoutId, body == null ? null : body.reason()), request, principal);
    }

    @Post(uri = "/retry", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Changed> retry(@PathVariable String id, HttpRequest<?> request, Principal principal) {
        return send(id, RetryPayoutCommand::new, request, principal);
    }

    private HttpResponse<Changed> send(String id, Function<String, Object> command, HttpRequest<?> request, Principal principal) {
        if (!PayoutIds.isPayoutId(id)) {
            throw new CommandRejectedException(404, "not_found", "no payout exists under the id given");
        }
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        PayoutStatus status = commands.send(command.apply(id), provenance, principal);
        return HttpResponse.ok(new Changed(id, status.name(), provenance.correlationId()))
                .header(CommandProvenance.CORRELATION_HEADER, provenance.correlationId());
    }

    /** The body of {@code complete}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Completion(@Nullable String txHash) {
    }

    /** The body of {@code fail} (reason required) and {@code cancel} (optional). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Reason(@Nullable String reason) {
    }

    /** The payout's state after the command. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Changed(String payoutId, String status, String correlationId) {
    }
}
