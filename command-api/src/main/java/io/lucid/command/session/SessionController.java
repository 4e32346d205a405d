package io.lucid.command.session;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.validation.Uuids;
import io.lucid.command.web.Commands;
import io.lucid.events.session.SessionProcessed;
import io.lucid.events.session.StopReason;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Session commands over REST (DOMAIN.md section 8): maps HTTP to a command and the outcome back to HTTP. Who may
 * act on which session is decided by the {@link Session} itself, which knows the owner.
 */
@Controller("/api/v1/sessions")
@Tag(name = "sessions", description = "Recording sessions: create, record chunks, seal, anchor (DOMAIN.md section 2)")
@Secured({Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE})
@ExecuteOn(TaskExecutors.BLOCKING) // Axon's simple command bus runs the handler and its transaction on this thread.
public class SessionController {

    private final Commands commands;

    SessionController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Create a recording session owned by the caller (201)")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> create(@Body CreateSessionRequest body, HttpRequest<?> request,
            Authentication authentication) {
        String sessionId = UUID.randomUUID().toString();
        Sent<Object> sent = send(new CreateSessionCommand(sessionId, body), request, authentication);
        return HttpResponse.created(new SessionResponses.Accepted(sessionId, SessionStatus.CREATED.name(), sent.correlationId()),
                URI.create("/api/v1/sessions/" + sessionId)).header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    @Operation(summary = "Start recording: CREATED -> RECORDING, if a recording slot is free")
    @Post(uri = "/{id}/start", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> start(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        return transition(id, StartRecordingCommand::new, request, authentication);
    }

    @Operation(summary = "Pause recording: RECORDING -> PAUSED")
    @Post(uri = "/{id}/pause", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> pause(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        return transition(id, PauseRecordingCommand::new, request, authentication);
    }

    @Operation(summary = "Resume recording: PAUSED -> RECORDING")
    @Post(uri = "/{id}/resume", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> resume(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        return transition(id, ResumeRecordingCommand::new, request, authentication);
    }

    @Operation(summary = "Stop recording: RECORDING or PAUSED -> STOPPED")
    @Post(uri = "/{id}/stop", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> stop(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        return transition(id, sessionId -> new StopRecordingCommand(sessionId, StopReason.requested), request, authentication);
    }

    @Operation(summary = "Seal a stopped session: Merkle root and manifest hash; STOPPED -> PROCESSED")
    @Post(uri = "/{id}/process", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Processed> process(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        Sent<SessionProcessed> sent = send(new ProcessSessionCommand(sessionId(id)), request, authentication);
        return ok(SessionResponses.Processed.of(sent.result(), sent.correlationId()), sent);
    }

    @Operation(summary = "Record the chain anchor of a processed session, exactly once: PROCESSED -> ANCHORED")
    @Post(uri = "/{id}/anchor", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> anchor(@PathVariable String id, @Body AnchorSessionRequest body,
            HttpRequest<?> request, Authentication authentication) {
        return transition(id, sessionId -> new AnchorSessionCommand(sessionId, body), request, authentication);
    }

    @Operation(summary = "Fail a session from any non-terminal state")
    @Post(uri = "/{id}/fail", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> fail(@PathVariable String id, @Body FailSessionRequest body,
            HttpRequest<?> request, Authentication authentication) {
        return transition(id, sessionId -> new FailSessionCommand(sessionId, body), request, authentication);
    }

    @Operation(summary = "Record the next chunk (201); the same chunk again is answered 200 and stores nothing")
    @Post(uri = "/{id}/chunks", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.ChunkAccepted> recordChunk(@PathVariable String id, @Body RecordChunkRequest body,
            HttpRequest<?> request, Authentication authentication) {
        String sessionId = sessionId(id);
        Sent<ChunkReceipt> sent = send(new RecordChunkCommand(sessionId, body), request, authentication);
        ChunkReceipt receipt = sent.result();
        SessionResponses.ChunkAccepted accepted = new SessionResponses.ChunkAccepted(sessionId, receipt.sequenceNumber(),
                receipt.totalSizeBytes(), receipt.duplicate(), sent.correlationId());
        if (receipt.duplicate()) {
            return ok(accepted, sent); // the same chunk again: answered, nothing stored
        }
        return HttpResponse.created(accepted, URI.create("/api/v1/sessions/" + sessionId + "/chunks/" + receipt.sequenceNumber()))
                .header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    @Operation(summary = "Delete a session that is not recording")
    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionResponses.Accepted> delete(@PathVariable String id, HttpRequest<?> request, Authentication authentication) {
        return transition(id, DeleteSessionCommand::new, request, authentication);
    }

    private HttpResponse<SessionResponses.Accepted> transition(String id, Function<String, Object> command, HttpRequest<?> request,
            Authentication authentication) {
        String sessionId = sessionId(id);
        Sent<SessionStatus> sent = send(command.apply(sessionId), request, authentication);
        return ok(new SessionResponses.Accepted(sessionId, sent.result().name(), sent.correlationId()), sent);
    }

    private <R> Sent<R> send(Object command, HttpRequest<?> request, Authentication authentication) {
        CommandProvenance provenance = CommandProvenance.of(request, authentication);
        try {
            R result = commands.send(command, provenance, Principal.of(authentication));
            return new Sent<>(result, provenance.correlationId());
        } catch (AggregateNotFoundException e) {
            throw notFound(String.valueOf(e.getAggregateIdentifier()));
        }
    }

    private static String sessionId(String id) {
        String canonical = Uuids.canonical(id);
        if (canonical == null) {
            throw notFound(id);
        }
        return canonical;
    }

    /** Only a well-formed id is echoed: the answer never repeats arbitrary client input. */
    private static CommandRejectedException notFound(String id) {
        String canonical = Uuids.canonical(id);
        return new CommandRejectedException(404, "session_not_found",
                canonical == null ? "there is no such session" : "there is no session " + canonical);
    }

    private static <T> HttpResponse<T> ok(T body, Sent<?> sent) {
        return HttpResponse.ok(body).header(CommandProvenance.CORRELATION_HEADER, sent.correlationId());
    }

    /** A command's result and the correlation id it was sent under. */
    private record Sent<R>(R result, String correlationId) {
    }
}
