package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** DJL + PyTorch from the static module answers inside the server, and still does after a redeploy. */
class DjlModuleIT extends DeployedApp {

    @Test
    void djlAnswersAndSurvivesRedeploys() {
        assertDjlWorks();
        for (int i = 0; i < 2; i++) {
            deployer.undeploy(APP);
            deployer.deploy(APP);
            assertDjlWorks();
        }
    }

    private static void assertDjlWorks() {
        JsonNode djl = Api.get("system/djl").ok();
        assertEquals("PyTorch", djl.get("engine").asText(), djl.toString());
        assertEquals("2.7.1", djl.get("version").asText(), djl.toString());
        assertEquals("cpu()", djl.get("device").asText(), djl.toString());
        // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]
        assertEquals(134.0, djl.get("matmulSum").asDouble(), 0.0);
        assertTrue(djl.get("djlClassLoader").asText().contains("ai.djl"), djl.toString());
        assertTrue(djl.get("offline").asBoolean(), djl.toString());
    }
}
