package dev.lightreasoner.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Hibernate's create script for the entities on H2 or PostgreSQL, without a database. */
public final class SchemaDdlWriter {
    private SchemaDdlWriter() {
    }

    public static String createScript(String database, Path file) throws Exception {
        // the versions the server meets: WildFly 39's H2 module, and the PostgreSQL that CI installs
        String[] dialect = switch (database) {
            case "h2" -> new String[] {"org.hibernate.dialect.H2Dialect", "2", "2"};
            case "postgresql" -> new String[] {"org.hibernate.dialect.PostgreSQLDialect", "15", "0"};
            default -> throw new IllegalArgumentException("database must be h2 or postgresql: " + database);
        };
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        SchemaModel.schemaTool(Map.of("hibernate.dialect", dialect[0], "hibernate.boot.allow_jdbc_metadata_access", false,
                "jakarta.persistence.database-major-version", dialect[1],
                "jakarta.persistence.database-minor-version", dialect[2],
                "jakarta.persistence.schema-generation.scripts.action", "create",
                "jakarta.persistence.schema-generation.scripts.create-target", file.toString(),
                "hibernate.hbm2ddl.delimiter", ";", "hibernate.format_sql", true));
        return Files.readString(file);
    }
}
