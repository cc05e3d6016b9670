package dev.lightreasoner.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionLogTest {

    @Test
    void anExecutionsLinesWithTheirStackTracesFromRotatedAndCurrentLogs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.log.2026-11-29"), String.join("\n",
                "2026-11-29 23:59:58,000 INFO  [a] (Batch Thread - 1) [execution 7] old line",
                "2026-11-29 23:59:59,000 INFO  [a] (Batch Thread - 2) [execution 17] other execution", ""));
        Files.writeString(dir.resolve("server.log"), String.join("\n",
                "2026-11-30 00:00:01,000 ERROR [a] (Batch Thread - 1) [execution 7] failed",
                "java.lang.IllegalStateException: boom",
                "\tat x.y(Z.java:1)",
                "2026-11-30 00:00:02,000 INFO  [b] (main) untagged",
                "\tat not.ours(A.java:2)",
                "2026-11-30 00:00:03,000 INFO  [a] (Batch Thread - 1) [execution 70] a longer id", ""));
        assertEquals(List.of("2026-11-29 23:59:58,000 INFO  [a] (Batch Thread - 1) [execution 7] old line",
                "2026-11-30 00:00:01,000 ERROR [a] (Batch Thread - 1) [execution 7] failed",
                "java.lang.IllegalStateException: boom", "\tat x.y(Z.java:1)"), ExecutionLog.lines(dir, 7, 100));
        assertEquals(2, ExecutionLog.lines(dir, 7, 2).size(), "the last lines when there are more than the limit");
        assertEquals(List.of(), ExecutionLog.lines(dir.resolve("missing"), 7, 100));
    }
}
