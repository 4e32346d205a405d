package io.lucid.query.node;

import io.lucid.query.auth.Caller;
import io.lucid.query.auth.Callers;
import io.lucid.query.auth.ReadPolicy;
import io.lucid.kit.problem.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** {@code GET /api/v1/nodes/{node_id}}: one node of the read model. */
@Controller("/api/v1/nodes")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NodeController {

    private final NodeReader nodes;

    public NodeController(NodeReader nodes) {
        this.nodes = nodes;
    }

    /** Authorised before the lookup, so a NODE token cannot probe which other nodes exist. */
    @Get("/{node_id}")
    public NodeView node(@PathVariable("node_id") String nodeId, Authentication authentication) {
        Caller caller = Callers.from(authentication);
        if (!ReadPolicy.mayReadNode(caller, nodeId)) {
            throw ProblemException.forbidden("This token may not read node " + nodeId + ".");
        }
        return nodes.find(nodeId)
                .orElseThrow(() -> ProblemException.notFound("node_not_found", "No node " + nodeId + "."));
    }
}
