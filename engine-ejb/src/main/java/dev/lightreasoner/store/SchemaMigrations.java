package dev.lightreasoner.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The application's tables are owned by versioned migrations, {@code db/migration/<h2|postgresql>/V<n>__<what>.sql},
 * applied in order at deployment (Flyway, history in {@code flyway_schema_history}); Hibernate only maps them.
 * A database made before migrations existed (tables created by {@code hbm2ddl.auto=update}) holds V1 already: it
 * is recorded as being at V1 and only later migrations run on it. JBeret's job-repository tables share the
 * schema and are left to JBeret.
 */
public final class SchemaMigrations {
    /** A table of V1: present without a migration history means a database that hbm2ddl made. */
    private static final String V1_TABLE = "PREPARED_QUESTION";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private SchemaMigrations() {
    }

    /** What a migration did: the version the database was taken to be at first, the migrations applied, the version now. */
    public record Outcome(String startedAt, int applied, String version) {
    }

    public static Outcome migrate(DataSource dataSource) {
        boolean madeByHbm2ddl = !tableExists(dataSource, HISTORY_TABLE) && tableExists(dataSource, V1_TABLE);
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor(dataSource))
                .table(HISTORY_TABLE)
                // the schema is never empty (JBeret's tables): a baseline is always recorded, below V1 for a new database
                .baselineOnMigrate(true)
                .baselineVersion(madeByHbm2ddl ? "1" : "0")
                // (no quotes: Flyway 13 writes the description into its SQL unescaped on PostgreSQL)
                .baselineDescription(madeByHbm2ddl ? "tables made by hbm2ddl before migrations" : "before the application tables")
                .load();
        MigrateResult result = flyway.migrate();
        String before = result.initialSchemaVersion == null ? (madeByHbm2ddl ? "1" : "0") : result.initialSchemaVersion;
        return new Outcome(before, result.migrationsExecuted, result.targetSchemaVersion == null ? before
                : result.targetSchemaVersion);
    }

    /** The migrations' folder for the database: {@code h2} or {@code postgresql}; any other database is refused. */
    static String vendor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
        return switch (product) {
            case "H2" -> "h2";
            case "PostgreSQL" -> "postgresql";
            default -> throw new IllegalStateException("database " + product + " is not supported (H2 or PostgreSQL)");
        };
    }

    /** Whether a table exists in the connection's schema, however the database folds unquoted names. */
    static boolean tableExists(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String candidate : new String[] {name, name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT)}) {
                try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), candidate, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables: " + e.getMessage(), e);
        }
    }
}
