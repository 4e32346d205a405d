package io.lucid.command.security;

import io.lucid.kit.auth.TokenRules;
import io.lucid.command.problem.CommandRejectedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.MetaData;

/**
 * Who sends a command, as its verified token says: the subject, the roles and, for a NODE token, the node it
 * speaks for. The {@code require*} checks implement the per-resource rules of DOMAIN.md section 7 and refuse
 * with 403 {@code forbidden}. Controllers get it as a parameter; aggregate handlers get it as a parameter too
 * (from the command's metadata, see {@link PrincipalParameterResolverFactory}) when the rule needs the
 * aggregate's state, e.g. who owns a session.
 *
 * @param subject the {@code sub} claim: the actor recorded on events
 * @param roles   the {@code roles} claim
 * @param nodeId  the {@code node_id} claim of a NODE token, else null
 */
public record Principal(String subject, Set<String> roles, @Nullable String nodeId) implements java.security.Principal {

    /** The token claim naming the node a NODE token speaks for. */
    public static final String NODE_ID_CLAIM = TokenRules.NODE_ID_CLAIM;

    static final String SUBJECT_KEY = "principal_subject";
    static final String ROLES_KEY = "principal_roles";
    static final String NODE_ID_KEY = "principal_node_id";

    public Principal {
        roles = Set.copyOf(roles);
    }

    public static Principal of(Authentication authentication) {
        Object nodeId = authentication.getAttributes().get(NODE_ID_CLAIM);
        return new Principal(authentication.getName(), Set.copyOf(authentication.getRoles()),
                nodeId instanceof String id ? id : null);
    }

    /** The principal of commands the service sends itself; {@code name} becomes the recorded actor. */
    public static Principal system(String name) {
        return new Principal("system:" + name, Set.of(Roles.SYSTEM), null);
    }

    /** The subject, as {@link java.security.Principal} names it (this also keeps it out of the OpenAPI bodies). */
    @Override
    public String getName() {
        return subject;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN) || has(Roles.SYSTEM);
    }

    /** The device this principal is, when it holds a DEVICE token. */
    public @Nullable String deviceId() {
        return has(Roles.DEVICE) ? subject : null;
    }

    /** Passes when the principal holds one of {@code allowed} or is ADMIN (or the system). */
    public Principal requireAny(String... allowed) {
        if (isAdmin() || Arrays.stream(allowed).anyMatch(this::has)) {
            return this;
        }
        throw forbidden("requires one of the roles " + String.join(", ", allowed));
    }

    /** Acting for a node: ADMIN, OPERATOR, or a NODE token whose {@code node_id} is that node. */
    public Principal requireNode(String nodeId) {
        if (isAdmin() || has(Roles.OPERATOR) || isNode(nodeId)) {
            return this;
        }
        throw forbidden("this token may not act for node " + nodeId);
    }

    /** Speaking as the node itself (its proofs, heartbeats, reports): ADMIN or that node's NODE token only. */
    public Principal requireOwnNode(String nodeId) {
        if (isAdmin() || isNode(nodeId)) {
            return this;
        }
        throw forbidden("only node " + nodeId + " itself may do this");
    }

    /** Acting on a device: ADMIN, OPERATOR, or the DEVICE itself. */
    public Principal requireDevice(String deviceId) {
        if (isAdmin() || has(Roles.OPERATOR) || deviceId.equals(deviceId())) {
            return this;
        }
        throw forbidden("this token may not act for device " + deviceId);
    }

    /**
     * Acting on a resource owned by {@code owner} (the actor that created it, e.g. a session's owner): ADMIN,
     * OPERATOR, or the owner itself. A DEVICE owns what it created.
     */
    public Principal requireOwner(@Nullable String owner) {
        if (isAdmin() || has(Roles.OPERATOR) || subject.equals(owner)) {
            return this;
        }
        throw forbidden("this token may not act on a resource it does not own");
    }

    /**
     * Command metadata that lets aggregate handlers take this principal as a parameter. These keys are not copied
     * to events (only actor, correlation and causation ids are), so roles never reach the event log.
     */
    public MetaData metaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(SUBJECT_KEY, subject);
        values.put(ROLES_KEY, String.join(",", new TreeSet<>(roles)));
        if (nodeId != null) {
            values.put(NODE_ID_KEY, nodeId);
        }
        return MetaData.from(values);
    }

    /** The principal carried by a command's metadata, or null when the sender put none there. */
    static @Nullable Principal fromMetaData(MetaData metaData) {
        if (!(metaData.get(SUBJECT_KEY) instanceof String subject) || !(metaData.get(ROLES_KEY) instanceof String roles)) {
            return null;
        }
        Set<String> parsed = roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
        return new Principal(subject, parsed, metaData.get(NODE_ID_KEY) instanceof String id ? id : null);
    }

    /** 403 problem+json {@code forbidden}: the principal is known but may not do this. */
    public static CommandRejectedException forbidden(String detail) {
        return new CommandRejectedException(403, "forbidden", detail);
    }

    private boolean isNode(String nodeId) {
        return has(Roles.NODE) && nodeId != null && nodeId.equals(this.nodeId);
    }
}
