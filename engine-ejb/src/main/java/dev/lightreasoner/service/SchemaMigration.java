package dev.lightreasoner.service;

import dev.lightreasoner.store.SchemaMigrations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the database's tables to this version's schema when the application starts, before any bean that reads
 * them (they declare {@code @DependsOn("SchemaMigration")}). A failed migration fails the deployment.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)   // Flyway commits each migration itself
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        SchemaMigrations.Outcome outcome = SchemaMigrations.migrate(dataSource);
        LOG.info(() -> "database schema: version " + outcome.version() + " (" + outcome.applied()
                + " migration(s) applied; found at " + outcome.startedAt() + ")");
    }
}
