package io.lucid.command.auth;

import io.lucid.kit.problem.FieldError;
import io.lucid.command.security.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of an admin's token request, each broken rule one {@link FieldError}. */
final class TokenRequestRules {

    static final Set<String> ISSUABLE_ROLES = Set.of(Roles.OPERATOR, Roles.NODE, Roles.AUDITOR);
    static final long MIN_TTL_SECONDS = 60;
    static final long MAX_TTL_SECONDS = 30L * 24 * 3600;
    static final long DEFAULT_TTL_SECONDS = 24L * 3600;
    private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9._:@-]{1,128}$");
    private static final Pattern NODE_ID = Pattern.compile("^node_[a-zA-Z0-9_-]{3,59}$");

    private TokenRequestRules() {
    }

    static List<FieldError> violations(IssueTokenRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.role() == null) {
            errors.add(new FieldError("role", "required", "role is required"));
        } else if (!ISSUABLE_ROLES.contains(request.role())) {
            errors.add(new FieldError("role", "unknown_value", "role must be one of OPERATOR, NODE, AUDITOR"));
        }
        if (request.subject() == null) {
            errors.add(new FieldError("subject", "required", "subject is required"));
        } else if (!SUBJECT.matcher(request.subject()).matches()) {
            errors.add(new FieldError("subject", "invalid_format",
                    "subject must be 1-128 letters, digits or . _ : @ -"));
        }
        if (Roles.NODE.equals(request.role())) {
            if (request.nodeId() == null) {
                errors.add(new FieldError("node_id", "required", "node_id is required for a NODE token"));
            } else if (!NODE_ID.matcher(request.nodeId()).matches()) {
                errors.add(new FieldError("node_id", "invalid_format", "node_id must match ^node_[a-zA-Z0-9_-]+$, 8-64 characters"));
            }
        } else if (request.nodeId() != null) {
            errors.add(new FieldError("node_id", "not_allowed", "node_id is only for NODE tokens"));
        }
        if (request.ttlSeconds() != null && (request.ttlSeconds() < MIN_TTL_SECONDS || request.ttlSeconds() > MAX_TTL_SECONDS)) {
            errors.add(new FieldError("ttl_seconds", "out_of_range",
                    "ttl_seconds must be between " + MIN_TTL_SECONDS + " and " + MAX_TTL_SECONDS));
        }
        return errors;
    }
}
