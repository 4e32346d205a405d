package io.lucid.query.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.lucid.projections.view.Access;
import io.lucid.query.auth.Caller;
import io.lucid.query.auth.ReadPolicy;
import io.lucid.query.auth.Role;

/**
 * Which rows of a view a caller may read, from the view's {@link Access} and the caller's token: all of them, the
 * rows whose body field equals a value (a NODE's node id, a DEVICE's subject), or none. REST reads and live
 * subscriptions ask the same question here.
 */
public sealed interface AccessScope {

    All ALL = new All();
    Denied DENIED = new Denied();

    /** Whether a row with this body may be shown. */
    boolean allows(JsonNode body);

    static AccessScope of(Access access, Caller caller) {
        if (ReadPolicy.mayReadAll(caller)) {
            return ALL;
        }
        if (caller.has(Role.NODE) && access.nodeField() != null && caller.nodeId() != null) {
            return new Field(access.nodeField(), caller.nodeId());
        }
        if (caller.has(Role.DEVICE) && access.ownerField() != null) {
            return new Field(access.ownerField(), caller.subject());
        }
        return DENIED;
    }

    record All() implements AccessScope {
        @Override
        public boolean allows(JsonNode body) {
            return true;
        }
    }

    record Denied() implements AccessScope {
        @Override
        public boolean allows(JsonNode body) {
            return false;
        }
    }

    /** The rows whose body {@code field} (a dotted path) equals {@code value}. */
    record Field(String field, String value) implements AccessScope {
        @Override
        public boolean allows(JsonNode body) {
            if (body == null) {
                return false;
            }
            JsonNode node = body;
            for (String part : field.split("\\.")) {
                node = node.path(part);
            }
            return node.isValueNode() && value.equals(node.asText());
        }
    }
}
