package io.lucid.command.telemetry;

import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.command.validation.Uuids;
import io.lucid.events.rdp.RdpHealthReported;
import io.lucid.schemas.topic.Topics;
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
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * RDP server health reports (DOMAIN.md section 3): telemetry, produced straight to {@code lucid.rdp.telemetry} keyed
 * by server id, 202 after the broker acknowledged. The host agent reports with its node's NODE token, for servers on
 * that node only; an admin may report for any server. A deleted or unknown server is a 404.
 */
@Controller("/api/v1/rdp-servers/{id}/health")
@Secured({Roles.ADMIN, Roles.NODE})
public class RdpHealthController {

    private final RdpServerHosts hosts;
    private final TelemetryPublisher publisher;
    private final Clock clock;

    RdpHealthController(RdpServerHosts hosts, TelemetryPublisher publisher, Clock clock) {
        this.hosts = hosts;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // the host look-up reads the event store
    public CompletableFuture<HttpResponse<?>> report(@PathVariable String id, @Body RdpHealthReport body,
            HttpRequest<?> request, Principal principal) {
        String serverId = Uuids.canonical(id);
        if (serverId == null) {
            throw notFound(id);
        }
        TelemetryRules.check(body);
        RdpServerHosts.Host host = hosts.find(serverId).orElseThrow(() -> notFound(serverId));
        if (!principal.isAdmin()) {
            principal.requireOwnNode(host.nodeId() == null ? "" : host.nodeId());
        }
        Instant now = clock.instant();
        RdpHealthReported report = new RdpHealthReported(serverId, body.alive(), body.cpuPercent(), body.memoryMb(),
                body.networkKbps(), body.activeConnections(), now);
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        return TelemetryResponses.when(publisher.publish(Topics.RDP_TELEMETRY, serverId, report, now, "rdpserver", provenance),
                serverId, now, provenance);
    }

    private static CommandRejectedException notFound(String id) {
        return new CommandRejectedException(404, "not_found", "no RDP server exists under the id " + id);
    }
}
