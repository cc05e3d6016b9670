package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented backup and restore (server-config/bin/backup.sh, restore.sh) of one home — database and data
 * root — on this suite's own server: the state is archived, lost, restored, and the server finds its history.
 */
class BackupRestoreIT extends DeployedApp {
    private static final Path SERVER_DATA = Path.of(System.getProperty("it.data.dir"));
    private static final Path BIN = Path.of("bin").toAbsolutePath();

    @Test
    void aHomeArchivedLostAndRestoredKeepsItsJobHistoryAndData() throws Exception {
        String dataset = "backup-" + System.currentTimeMillis();
        long id = Api.start("prepare", Map.of("dataset", dataset, "limit", 5, "chunkSize", 2));
        JsonNode before = Api.awaitFinished(id);
        assertEquals("COMPLETED", before.get("batchStatus").asText(), before.toString());
        Path archive = SERVER_DATA.resolveSibling(dataset + ".tar.gz");

        Result running = script("backup.sh", archive.toString());
        assertEquals(2, running.exit, running.output);
        assertTrue(running.output.contains("stop it first"), running.output);
        assertFalse(Files.exists(archive), "nothing written while the server runs");

        controller.stop(SERVER);
        Result backup = script("backup.sh", archive.toString());
        assertEquals(0, backup.exit, backup.output);
        Result again = script("backup.sh", archive.toString());
        assertEquals(2, again.exit, "an existing archive is never replaced: " + again.output);

        Result occupied = script("restore.sh", archive.toString());
        assertEquals(2, occupied.exit, occupied.output);
        assertTrue(occupied.output.contains("holds files"), occupied.output);

        Path lost = SERVER_DATA.resolveSibling(SERVER_DATA.getFileName() + "-lost-" + dataset);
        Files.move(SERVER_DATA, lost);                          // the disaster: the whole home is gone
        Result restore = script("restore.sh", archive.toString());
        assertEquals(0, restore.exit, restore.output);
        assertTrue(Files.isRegularFile(TinyPair.DATA_ROOT.resolve("datasets/gsm8k/train.jsonl")), "data root restored");
        assertFalse(Files.exists(SERVER_DATA.resolve("djl-cache")), "DJL's native cache is not archived");

        controller.start(SERVER);
        JsonNode after = Api.get("executions/" + id).ok();
        assertEquals("COMPLETED", after.get("batchStatus").asText());
        assertEquals(before.get("instanceId").asLong(), after.get("instanceId").asLong());
        assertEquals(5, Api.get("datasets").ok().get(dataset).asLong(), "the prepared dataset is back");
    }

    private record Result(int exit, String output) {
    }

    /** Runs a launch script on this suite's server data dir and data root (as an operator would, with the variables set). */
    private static Result script(String name, String argument) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", BIN.resolve(name).toString(), argument).redirectErrorStream(true);
        builder.environment().put("LIGHTREASONER_SERVER_DATA", SERVER_DATA.toString());
        builder.environment().put("LIGHTREASONER_DATA_ROOT", TinyPair.DATA_ROOT.toString());
        builder.environment().put("JBOSS_HOME", System.getProperty("jboss.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
