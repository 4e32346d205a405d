package io.lucid.projections.view;

/**
 * Who may read a view's rows (DOMAIN.md section 7). ADMIN, OPERATOR and AUDITOR read every row of every view. A NODE
 * token reads the rows whose {@code nodeField} equals its {@code node_id} claim; a DEVICE token the rows whose
 * {@code ownerField} equals its subject. A null field grants that role nothing. Lists are filtered the same way, and a
 * row the caller may not read answers as if it did not exist (404), so ids cannot be probed.
 *
 * @param nodeField  the body field naming the node a row belongs to, or null
 * @param ownerField the body field naming the subject (device id) that owns a row, or null
 */
public record Access(String nodeField, String ownerField) {

    /** Only ADMIN, OPERATOR and AUDITOR. */
    public static final Access READERS_ONLY = new Access(null, null);

    public static Access ownNode(String nodeField) {
        return new Access(nodeField, null);
    }

    public static Access owner(String ownerField) {
        return new Access(null, ownerField);
    }
}
