package io.lucid.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lucid.query.auth.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that writes {@code audit_access} (command-api's event-store migration V401 creates it): every call of
 * the audit API, with who asked (token subject and roles), which action and its parameters, recorded before the answer
 * is produced. If the record cannot be written the call is refused: an audit read nobody could account for is not
 * served. The same line goes to the log ({@code lucid.audit.access}). Tokens are never recorded.
 */
final class AuditAccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("lucid.audit.access");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT =
            "INSERT INTO audit_access (subject, roles, action, parameters) VALUES (?, ?, ?, ?::jsonb)";

    private final DataSource dataSource;

    AuditAccessLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(Caller caller, String action, Map<String, String> parameters) {
        ObjectNode params = JSON.createObjectNode();
        parameters.forEach((name, value) -> {
            if (value != null) {
                params.put(name, value);
            }
        });
        String roles = String.join(",", new TreeSet<>(caller.roles().stream().map(Enum::name).toList()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, caller.subject());
            insert.setString(2, roles);
            insert.setString(3, action);
            insert.setString(4, params.toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the audit access record could not be written", e);
        }
        LOG.info("audit {} by {} [{}] {}", action, caller.subject(), roles, params);
    }
}
