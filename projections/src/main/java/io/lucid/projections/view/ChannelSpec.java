package io.lucid.projections.view;

import java.util.Objects;

/**
 * A live channel that shows a view's rows (DESIGN.md section 6, WebSocket protocol).
 * <ul>
 *   <li>{@link Kind#ENTITY}: one row, {@code <name><id>} (e.g. {@code node:} gives {@code node:node_alpha_01});</li>
 *   <li>{@link Kind#ALL}: every row of the view, {@code <name>} (e.g. {@code nodes});</li>
 *   <li>{@link Kind#GROUP}: the rows whose body {@code field} equals the suffix, {@code <name><value>} (e.g.
 *   {@code payouts:} by {@code node_id} gives {@code payouts:node_alpha_01}).</li>
 * </ul>
 * Every channel is read with the view's {@link Access}: a subscriber sees only rows it may read.
 *
 * @param kind    the kind
 * @param name    the channel name, or its prefix (ending in {@code :}) for ENTITY and GROUP
 * @param field   the grouping body field of a GROUP channel; null otherwise
 * @param listing for ALL and GROUP: the path of the listing whose first page is the snapshot; null otherwise
 */
public record ChannelSpec(Kind kind, String name, String field, String listing) {

    public enum Kind { ENTITY, ALL, GROUP }

    public ChannelSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if ((kind == Kind.GROUP) != (field != null)) {
            throw new IllegalArgumentException("only a GROUP channel has a field: " + name);
        }
        if (kind != Kind.ALL && !name.endsWith(":")) {
            throw new IllegalArgumentException("an ENTITY or GROUP channel name is a prefix ending in ':': " + name);
        }
    }

    public static ChannelSpec entity(String prefix) {
        return new ChannelSpec(Kind.ENTITY, prefix, null, null);
    }

    public static ChannelSpec all(String name, String listing) {
        return new ChannelSpec(Kind.ALL, name, null, listing);
    }

    public static ChannelSpec group(String prefix, String field, String listing) {
        return new ChannelSpec(Kind.GROUP, prefix, field, listing);
    }
}
