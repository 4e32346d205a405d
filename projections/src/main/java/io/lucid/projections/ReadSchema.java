package io.lucid.projections;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the read schema ({@code read}) with the scripts in {@code db/read}. Flyway keeps its history inside
 * that schema, so the read model can be dropped and rebuilt from the topics without touching the event store.
 */
public final class ReadSchema {

    public static final String SCHEMA = "read";

    private ReadSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/read")
                .load()
                .migrate();
    }
}
