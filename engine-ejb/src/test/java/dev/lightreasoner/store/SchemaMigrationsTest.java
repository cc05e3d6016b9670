package dev.lightreasoner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The migrations against the entities, on the H2 the server uses: a new database (JBeret's tables already there)
 * gets exactly the schema Hibernate maps; a database made by today's {@code hbm2ddl.auto=update} is upgraded
 * without being touched; running again changes nothing.
 */
class SchemaMigrationsTest {

    @Test
    void aNewDatabaseGetsTheSchemaTheEntitiesMap() throws Exception {
        JdbcDataSource db = database("new");
        execute(db, "create table JOB_INSTANCE (JOBINSTANCEID bigint primary key)");     // JBeret's, made first
        SchemaMigrations.Outcome outcome = SchemaMigrations.migrate(db);
        assertEquals(new SchemaMigrations.Outcome("0", 3, "3"), outcome);
        validate(db);
        assertEquals(new SchemaMigrations.Outcome("3", 0, "3"), SchemaMigrations.migrate(db), "nothing left to apply");
    }

    @Test
    void aDatabaseMadeByHbm2ddlIsUpgradedWithoutLosingRows() throws Exception {
        JdbcDataSource db = database("legacy");
        SchemaModel.schemaTool(Map.of("hibernate.connection.url", db.getURL(), "hibernate.connection.username", "sa",
                "hibernate.hbm2ddl.auto", "update"));                               // what servers ran before V1
        execute(db, "alter table PIPELINE_STAGE drop column fingerprint");    // the entities then had no V2 columns
        execute(db, "alter table PIPELINE_STAGE drop column reused");
        execute(db, "drop table JOB_SHARD");                                  // nor the V3 table
        execute(db, "insert into RESTART_POLICY (job, maxAttempts, backoffSeconds, transientPattern)"
                + " values ('train', 2, 30, 'CRASHED:.*')");
        execute(db, "insert into PIPELINE_STAGE (PIPELINE_ID, STAGE, job, instanceId, executionId, status, seconds)"
                + " values (1, 'sample', 'sample', 2, 3, 'COMPLETED', 4.5)");
        assertFalse(SchemaMigrations.tableExists(db, "flyway_schema_history"));
        assertEquals(new SchemaMigrations.Outcome("1", 2, "3"), SchemaMigrations.migrate(db),
                "V1 is recorded, not re-run; V2 and V3 upgrade it");
        validate(db);
        assertEquals(1, count(db, "select count(*) from RESTART_POLICY"), "existing rows are kept");
        assertEquals(1, count(db, "select count(*) from PIPELINE_STAGE where reused = false and fingerprint is null"),
                "an existing stage is kept: not reused, no fingerprint (it can never be matched by one)");
        assertTrue(SchemaMigrations.tableExists(db, "flyway_schema_history"));
    }

    @Test
    void aMissingColumnIsCaughtByTheValidation() throws Exception {
        JdbcDataSource db = database("drift");
        SchemaMigrations.migrate(db);
        execute(db, "alter table JOB_SCHEDULE drop column cron");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> validate(db));
        assertTrue(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("cron"), e.getMessage());
    }

    private static void validate(JdbcDataSource db) throws Exception {
        SchemaModel.schemaTool(Map.of("hibernate.connection.url", db.getURL(), "hibernate.connection.username", "sa",
                "hibernate.hbm2ddl.auto", "validate"));
    }

    private static JdbcDataSource database(String name) {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        return db;
    }

    private static void execute(JdbcDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(JdbcDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
