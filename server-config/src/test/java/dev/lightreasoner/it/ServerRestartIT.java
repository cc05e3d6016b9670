package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Job history lives in the JDBC job repository on a file database: it survives a server restart. */
class ServerRestartIT extends DeployedApp {

    @Test
    void jobHistorySurvivesAServerRestart() {
        String dataset = "history-" + System.currentTimeMillis();
        long id = Api.start("prepare", Map.of("dataset", dataset, "limit", 7, "chunkSize", 3));
        JsonNode before = Api.awaitFinished(id);
        assertEquals("COMPLETED", before.get("batchStatus").asText(), before.toString());

        restartServer();

        JsonNode after = Api.get("executions/" + id).ok();
        assertEquals("COMPLETED", after.get("batchStatus").asText());
        assertEquals(before.get("instanceId").asLong(), after.get("instanceId").asLong());
        assertEquals(before.get("exitStatus").asText(), after.get("exitStatus").asText());
        assertEquals(7, Api.metric(after, "WRITE_COUNT"));
        assertEquals(dataset, after.get("parameters").get("dataset").asText());
        boolean listed = false;
        for (JsonNode e : Api.get("jobs/prepare/executions?limit=1000").ok()) {
            listed |= e.get("executionId").asLong() == id;
        }
        assertTrue(listed, "execution " + id + " is listed in the job's history after the restart");
        assertEquals(7, Api.get("datasets").ok().get(dataset).asLong());
    }
}
