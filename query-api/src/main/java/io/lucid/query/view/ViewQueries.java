package io.lucid.query.view;

import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.Sort;
import io.lucid.projections.view.ViewDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of view reads over {@code view_row}, built from a view's declarations. Pure: no connection, so the shape
 * of every query is unit-tested. Names come from read models and are checked ({@link FieldPath}); every value is a
 * parameter.
 */
final class ViewQueries {

    /** A statement and its parameters, in order. */
    record Query(String sql, List<Object> params) {
    }

    private final String table;

    /** @param schema the read schema, a plain SQL identifier (checked by the configuration) */
    ViewQueries(String schema) {
        this.table = schema + ".view_row";
    }

    Query find(ViewDefinition view, String id, AccessScope scope) {
        List<Object> params = new ArrayList<>(List.of(view.view(), id));
        StringBuilder sql = new StringBuilder("SELECT id, version, body::text, id FROM ").append(table)
                .append(" WHERE view = ? AND id = ? AND NOT deleted");
        whole(sql, view);
        restrict(sql, params, scope);
        return new Query(sql.toString(), params);
    }

    /**
     * One page of a list: the rows after {@code after} (or from the start), {@code limit + 1} of them so the caller
     * knows whether another page follows.
     */
    Query page(ViewDefinition view, Listing listing, String parentId, Map<Filter, String> filters, Cursor after,
            int limit, AccessScope scope) {
        List<Object> params = new ArrayList<>();
        params.add(view.view());
        String sortKey = sortKey(listing.sort());
        StringBuilder sql = new StringBuilder("SELECT id, version, body::text, ").append(sortKey).append("::text FROM ")
                .append(table).append(" WHERE view = ? AND NOT deleted");
        if (parentId != null) {
            sql.append(" AND parent = ?");
            params.add(parentId);
        }
        filters.forEach((filter, value) -> {
            // Numbers compare as numbers (as the expression indexes cast them), the rest as their text.
            if (filter.type() == FieldType.LONG) {
                sql.append(" AND (").append(FieldPath.text(filter.field())).append("::bigint) = ?::bigint");
            } else {
                sql.append(" AND ").append(FieldPath.text(filter.field())).append(" = ?");
            }
            params.add(value);
        });
        whole(sql, view);
        restrict(sql, params, scope);
        if (!listing.sort().byRowId()) {
            // A row without its sort field is a stub still waiting for its creation event: not listed yet.
            sql.append(" AND ").append(sortKey).append(" IS NOT NULL");
        }
        if (after != null) {
            String cast = castOf(listing.sort());
            String op = listing.sort().descending() ? "<" : ">";
            sql.append(" AND (").append(sortKey).append(' ').append(op).append(" ?").append(cast)
                    .append(" OR (").append(sortKey).append(" = ?").append(cast).append(" AND id > ?))");
            params.add(after.sortKey());
            params.add(after.sortKey());
            params.add(after.id());
        }
        sql.append(" ORDER BY ").append(sortKey).append(listing.sort().descending() ? " DESC" : " ASC")
                .append(", id ASC LIMIT ?");
        params.add(limit + 1);
        return new Query(sql.toString(), params);
    }

    /** Stub rows (their existence field still null) are not served. */
    private static void whole(StringBuilder sql, ViewDefinition view) {
        if (view.existsWhen() != null) {
            sql.append(" AND ").append(FieldPath.text(view.existsWhen())).append(" IS NOT NULL");
        }
    }

    private static void restrict(StringBuilder sql, List<Object> params, AccessScope scope) {
        if (scope instanceof AccessScope.Field field) {
            sql.append(" AND ").append(FieldPath.text(field.field())).append(" = ?");
            params.add(field.value());
        } else if (scope instanceof AccessScope.Denied) {
            sql.append(" AND false");
        }
    }

    /**
     * The sort key as SQL, spelled exactly as the read models' expression indexes spell it
     * ({@code (body ->> 'f')}, {@code ((body ->> 'f')::bigint)}) so that pages are index scans.
     */
    static String sortKey(Sort sort) {
        if (sort.byRowId()) {
            return "id";
        }
        String field = FieldPath.text(sort.field());
        return sort.type() == FieldType.LONG ? "(" + field + "::bigint)" : field;
    }

    private static String castOf(Sort sort) {
        return !sort.byRowId() && sort.type() == FieldType.LONG ? "::bigint" : "";
    }
}
