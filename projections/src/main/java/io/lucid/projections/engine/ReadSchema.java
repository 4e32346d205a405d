package io.lucid.projections.engine;

import io.lucid.projections.ReadModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates a read schema: first the engine's own tables ({@code db/read/engine}, history in
 * {@code engine_schema_history}), then each read model's migrations with a history table of its own
 * ({@code <name>_schema_history}), so a read model's scripts are numbered independently of every other's and adding
 * one touches no shared file.
 *
 * <p>The read schema is derived data: a schema laid out by an older release (one Flyway history for all views) is
 * dropped and rebuilt from the topics, which every projection replays from the beginning by itself.
 */
public final class ReadSchema {

    private static final Logger LOG = LoggerFactory.getLogger(ReadSchema.class);
    private static final String LEGACY_HISTORY = "flyway_schema_history";

    private ReadSchema() {
    }

    public static void migrate(DataSource dataSource, String schema, Collection<ReadModel> models) {
        dropLegacyLayout(dataSource, schema);
        flyway(dataSource, schema, "classpath:db/read/engine", "engine_schema_history").migrate();
        for (ReadModel model : models) {
            flyway(dataSource, schema, model.migrations(), model.name() + "_schema_history").migrate();
        }
    }

    private static Flyway flyway(DataSource dataSource, String schema, String location, String table) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .table(table)
                // The schema already holds other read models' tables: start this history from nothing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    private static void dropLegacyLayout(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, schema);
            query.setString(2, LEGACY_HISTORY);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return;
                }
            }
            LOG.info("Read schema {} has the single-history layout of an older release; rebuilding it from the topics",
                    schema);
            try (Statement drop = connection.createStatement()) {
                drop.execute("DROP SCHEMA \"" + schema.replace("\"", "") + "\" CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect read schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
