package io.lucid.command.telemetry;

import io.lucid.command.node.NodeDirectory;
import io.lucid.command.node.NodeRegistrationRules;
import io.lucid.command.problem.CommandRejectedException;
import io.lucid.command.provenance.CommandProvenance;
import io.lucid.command.security.Principal;
import io.lucid.command.security.Roles;
import io.lucid.events.node.NodeHeartbeat;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Node heartbeats (DOMAIN.md section 4): telemetry, not aggregate state. Validated, checked against the node
 * directory (the node must be registered and not deregistered), then produced straight to
 * {@code lucid.node.telemetry} keyed by node id; 202 only after the broker acknowledged. Only the node itself (its
 * NODE token) or an admin may report for a node.
 */
@Controller("/api/v1/nodes/{id}/heartbeats")
@Secured({Roles.ADMIN, Roles.NODE})
public class HeartbeatController {

    private final NodeDirectory directory;
    private final TelemetryPublisher publisher;
    private final Clock clock;

    HeartbeatController(NodeDirectory directory, TelemetryPublisher publisher, Clock clock) {
        this.directory = directory;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING) // the directory look-up is a JDBC call; the Kafka send itself does not block
    public CompletableFuture<HttpResponse<?>> heartbeat(@PathVariable String id, @Body HeartbeatReport body,
            HttpRequest<?> request, Principal principal) {
        principal.requireOwnNode(id);
        TelemetryRules.check(body);
        NodeDirectory.Entry node = (NodeRegistrationRules.isNodeId(id) ? directory.find(id) : Optional.<NodeDirectory.Entry>empty()).orElseThrow(() ->
                new CommandRejectedException(404, "node_not_found", "no node is registered under the id " + id));
        if (!node.isLive()) {
            throw new CommandRejectedException(409, "node_deregistered", "node " + id + " is DEREGISTERED");
        }
        Instant now = clock.instant();
        NodeHeartbeat heartbeat = new NodeHeartbeat(id, body.cpuPercent(), body.memoryUsedBytes(), body.storageUsedBytes(),
                body.networkMbps(), body.activeSessions(), now);
        CommandProvenance provenance = CommandProvenance.of(request, principal.subject());
        return TelemetryResponses.when(publisher.publish(Topics.NODE_TELEMETRY, id, heartbeat, now, "node", provenance),
                id, now, provenance);
    }
}
