package io.lucid.query.view;

import io.lucid.projections.view.FieldType;
import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.auth.Caller;
import io.lucid.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The REST reads of every view, independent of HTTP: one row by id, or a page of a list with its filters, keyset
 * cursor, rank and access rules. Answers carry an entity tag (the row's version, or a digest of the page) for
 * conditional requests.
 */
public final class ViewReads {

    /** Query parameters every list takes besides its filters. */
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";
    public static final String POSITION = "position";
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Set<String> COMMON = Set.of(LIMIT, CURSOR, POSITION);

    /** A JSON answer and its entity tag. */
    public record Answer(String json, String etag) {
    }

    private final ViewReader reader;
    private final ViewCatalogue catalogue;

    public ViewReads(ViewReader reader, ViewCatalogue catalogue) {
        this.reader = reader;
        this.catalogue = catalogue;
    }

    public Answer entity(ViewCatalogue.Entity route, Caller caller) {
        ViewDefinition view = route.view();
        AccessScope scope = AccessScope.of(view.access(), caller);
        if (scope instanceof AccessScope.Denied) {
            throw ProblemException.forbidden("This token may not read " + view.entityPath() + ".");
        }
        String id = checkedValue("id", route.id());
        ViewReader.StoredRow row = reader.find(view, id, scope).orElseThrow(() -> ProblemException.notFound(
                view.view() + "_not_found", "No " + view.view().replace('_', ' ') + " " + id + "."));
        return new Answer(row.body(), "\"" + row.version() + "\"");
    }

    public Answer page(ViewCatalogue.Page route, Map<String, List<String>> query, Caller caller) {
        ViewDefinition view = route.view();
        Listing listing = route.listing();
        AccessScope scope = AccessScope.of(view.access(), caller);
        if (scope instanceof AccessScope.Denied) {
            throw ProblemException.forbidden("This token may not list " + listing.path() + ".");
        }
        String parentId = route.parentId() == null ? null : checkedValue("id", route.parentId());
        if (parentId != null && listing.parentView() != null) {
            requireParent(listing.parentView(), parentId, caller);
        }
        int limit = limit(single(query, LIMIT));
        Cursor after = single(query, CURSOR).map(token -> Cursor.decode(token, listing.path())
                .orElseThrow(() -> BadParameter.of(CURSOR, "not a cursor of this list"))).orElse(null);
        Map<Filter, String> filters = filters(listing, query);
        List<ViewReader.StoredRow> rows = reader.page(view, listing, parentId, filters, after, limit, scope);
        boolean more = rows.size() > limit;
        List<ViewReader.StoredRow> items = more ? rows.subList(0, limit) : rows;
        long firstRank = after == null ? 1 : after.rank() + 1;
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(listing.ranked() ? withRank(items.get(i).body(), firstRank + i) : items.get(i).body());
        }
        json.append("],\"next_cursor\":");
        if (more) {
            ViewReader.StoredRow last = items.get(items.size() - 1);
            json.append('"').append(new Cursor(listing.path(), last.sortKey(), last.id(), firstRank + items.size() - 1)
                    .encode()).append('"');
        } else {
            json.append("null");
        }
        json.append('}');
        String body = json.toString();
        return new Answer(body, "\"" + digest(body) + "\"");
    }

    /**
     * The list of a parent that does not exist, or that the caller may not read, is a 404 like the parent itself. A
     * caller whose role grants nothing on the parent view (a NODE on pools) may still list the children it may read:
     * only the parent's existence is checked for it.
     */
    private void requireParent(String parentView, String parentId, Caller caller) {
        ViewDefinition parent = catalogue.view(parentView)
                .orElseThrow(() -> new IllegalStateException("no view " + parentView));
        AccessScope scope = AccessScope.of(parent.access(), caller);
        AccessScope check = scope instanceof AccessScope.Denied ? AccessScope.ALL : scope;
        if (reader.find(parent, parentId, check).isEmpty()) {
            throw ProblemException.notFound(parentView + "_not_found",
                    "No " + parentView.replace('_', ' ') + " " + parentId + ".");
        }
    }

    /** Rejects unknown parameters and values a filter cannot take, naming the parameter. */
    private static Map<Filter, String> filters(Listing listing, Map<String, List<String>> query) {
        Map<String, Filter> byParam = new LinkedHashMap<>();
        listing.filters().forEach(filter -> byParam.put(filter.param(), filter));
        Map<Filter, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (COMMON.contains(name)) {
                continue;
            }
            Filter filter = byParam.get(name);
            if (filter == null) {
                throw BadParameter.of(name, "not a filter of this list (filters: "
                        + String.join(", ", byParam.keySet()) + ")");
            }
            if (parameter.getValue().size() != 1) {
                throw BadParameter.of(name, "give it once");
            }
            values.put(filter, normalise(filter, checkedValue(name, parameter.getValue().get(0))));
        }
        return values;
    }

    /** The value as bodies hold it in text form: numbers in canonical decimal, booleans as true/false. */
    private static String normalise(Filter filter, String value) {
        if (!filter.allowed().isEmpty() && !filter.allowed().contains(value)) {
            throw BadParameter.of(filter.param(), "one of " + String.join(", ", filter.allowed().stream().sorted()
                    .toList()));
        }
        if (filter.type() == FieldType.LONG) {
            try {
                return Long.toString(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw BadParameter.of(filter.param(), "an integer");
            }
        }
        if (filter.type() == FieldType.BOOLEAN) {
            if (!value.equals("true") && !value.equals("false")) {
                throw BadParameter.of(filter.param(), "true or false");
            }
        }
        return value;
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BadParameter.of(LIMIT, "an integer from 1 to " + MAX_LIMIT);
    }

    private static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw BadParameter.of(name, "give it once");
        }
        return Optional.of(values.get(0));
    }

    /** Ids and filter values are printable text of bounded length: a NUL byte never reaches the database. */
    static String checkedValue(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw BadParameter.of(name, "1 to " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw BadParameter.of(name, "printable characters only");
            }
        }
        return value;
    }

    private static String withRank(String body, long rank) {
        return "{\"rank\":" + rank + (body.equals("{}") ? "}" : "," + body.substring(1));
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
