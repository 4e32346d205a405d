package io.lucid.query.view;

import io.lucid.projections.view.Filter;
import io.lucid.projections.view.Listing;
import io.lucid.projections.view.ViewDefinition;
import io.lucid.query.ReadModelUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs view reads against the read schema. A database that cannot answer is a 503 ({@link
 * ReadModelUnavailableException}); a value the database refuses as data (it should not get past the parameter
 * checks) is the client's 400, never an outage.
 */
public final class ViewReader implements ViewRows {

    /** A stored row as a read returns it: the body is the JSON the API serves. */
    public record StoredRow(String id, long version, String body, String sortKey) {
    }

    private final DataSource dataSource;
    private final ViewQueries queries;

    public ViewReader(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.queries = new ViewQueries(schema);
    }

    @Override
    public Optional<StoredRow> find(ViewDefinition view, String id, AccessScope scope) {
        List<StoredRow> rows = run(queries.find(view, id, scope));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Up to {@code limit + 1} rows after {@code after}, so the caller can tell whether a next page exists. */
    List<StoredRow> page(ViewDefinition view, Listing listing, String parentId, Map<Filter, String> filters, Cursor after,
            int limit, AccessScope scope) {
        return run(queries.page(view, listing, parentId, filters, after, limit, scope));
    }

    /** The first {@code limit} rows of a list, for live snapshots. */
    @Override
    public List<StoredRow> firstPage(ViewDefinition view, Listing listing, Map<Filter, String> filters, int limit,
            AccessScope scope) {
        List<StoredRow> rows = page(view, listing, null, filters, null, limit, scope);
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private List<StoredRow> run(ViewQueries.Query query) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.params().size(); i++) {
                statement.setObject(i + 1, query.params().get(i));
            }
            List<StoredRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith("22")) {
                throw BadParameter.of("request", "a value the read model cannot hold");
            }
            throw new ReadModelUnavailableException("view read failed: " + e.getMessage(), e);
        }
    }
}
