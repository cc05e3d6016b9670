package dev.lightreasoner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 the server ships (the same version as this test's, see the parent POM) survives what a server lives
 * through: killed while writing (kill -9), started again and written to, stopped cleanly, started again. H2 2.2.224,
 * WildFly 39's own, fails the last open of this cycle with "File corrupted ... Double mark" (h2database #2752).
 */
class H2CrashSafetyTest {
    @TempDir
    Path folder;

    /** Writes and deletes rows until killed (run in a child JVM). */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(url(Path.of(args[0])), "sa", "sa"); Statement s = c.createStatement()) {
            s.execute("create table if not exists T (id bigint auto_increment primary key, v varchar(2000))");
            for (int i = 0; ; i++) {
                s.execute("insert into T (v) values (repeat('x', 1500))");
                if (i % 50 == 0) {
                    s.execute("delete from T where mod(id, 3) = 0");
                }
                if (i == 200) {
                    Files.writeString(Path.of(args[0] + ".writing"), "yes");      // the parent may kill now
                }
            }
        }
    }

    private static String url(Path db) {
        return "jdbc:h2:" + db + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=0";   // as the server's datasource
    }

    @Test
    void aDatabaseKilledWhileWritingThenReopenedAndClosedOpensAgain() throws Exception {
        for (int cycle = 0; cycle < 3; cycle++) {
            Path db = folder.resolve("cycle-" + cycle);
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), H2CrashSafetyTest.class.getName(), db.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("writer-" + cycle + ".log").toFile()).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(Path.of(db + ".writing")) && System.currentTimeMillis() < deadline && writer.isAlive()) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertTrue(writer.isAlive(), "the writer runs: " + Files.readString(folder.resolve("writer-" + cycle + ".log")));
            writer.destroyForcibly();                                           // SIGKILL: no close, no shutdown hook
            writer.waitFor(30, TimeUnit.SECONDS);

            long rows = write(db);                                              // reopened after the crash, written, closed
            assertEquals(rows, count(db), "cycle " + cycle + ": the database opens again with every committed row");
        }
    }

    private static long write(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection(url(db), "sa", "sa"); Statement s = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                s.execute("insert into T (v) values (repeat('y', 1500))");
            }
            return rows(s);
        }
    }

    private static long count(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection(url(db), "sa", "sa"); Statement s = c.createStatement()) {
            return rows(s);
        }
    }

    private static long rows(Statement s) throws Exception {
        try (ResultSet r = s.executeQuery("select count(*) from T")) {
            r.next();
            return r.getLong(1);
        }
    }
}
