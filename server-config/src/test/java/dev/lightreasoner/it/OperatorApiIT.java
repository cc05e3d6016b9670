package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator surface of the API: parameter schema, execution search, progress and resume point, audit, OpenAPI. */
class OperatorApiIT extends DeployedApp {

    @Test
    void jobsDescribeTheirParameters() {
        JsonNode train = Api.get("jobs/train").ok();
        JsonNode lr = null;
        for (JsonNode p : train.get("parameters")) {
            if (p.get("name").asText().equals("learningRate")) {
                lr = p;
            }
        }
        assertTrue(lr != null, train.toString());
        assertEquals("decimal", lr.get("type").asText());
        assertEquals("5e-5", lr.get("defaultValue").asText());
        assertEquals(1.0, lr.get("max").asDouble());
        assertEquals(404, Api.get("jobs/no-such-job").status());
    }

    @Test
    void executionsAreSearchedByJobAndStatusAndPaged() {
        for (int i = 0; i < 3; i++) {
            Api.awaitFinished(Api.start("prepare", Map.of("dataset", "api-page-" + i, "limit", 2)));
        }
        JsonNode first = Api.get("executions?job=prepare&status=COMPLETED&limit=2").ok();
        assertEquals(2, first.size());
        JsonNode second = Api.get("executions?job=prepare&status=COMPLETED&limit=2&offset=2").ok();
        assertTrue(second.size() >= 1);
        assertTrue(first.get(0).get("executionId").asLong() > first.get(1).get("executionId").asLong(), "newest first");
        assertTrue(first.get(1).get("executionId").asLong() > second.get(0).get("executionId").asLong(), "pages follow");
        for (JsonNode e : first) {
            assertEquals("prepare", e.get("job").asText());
            assertEquals("COMPLETED", e.get("batchStatus").asText());
            assertEquals("record", e.get("progress").get("unit").asText());
            assertEquals(2, e.get("progress").get("done").asLong());
        }
        assertEquals("status", Api.get("executions?status=DONE").body().get("parameter").asText());
        assertEquals("since", Api.get("executions?since=yesterday").body().get("parameter").asText());
        assertEquals(0, Api.get("executions?job=prepare&since=2999-01-01T00:00:00Z").ok().size());
    }

    /** A failed training shows where its restart resumes ("optimizer step 5 of 12"), then its full progress. */
    @Test
    void aFailedTrainingShowsItsResumePoint() {
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
        Map<String, Object> p = new HashMap<>(Map.of("samples", sampled.get("instanceId").asLong(), "maxSteps", 12,
                "checkpointEvery", 4, "batchSize", 4, "failAtStep", 7));
        JsonNode failed = Api.awaitFinished(Api.start("train", p));
        assertEquals("FAILED", failed.get("batchStatus").asText());
        assertTrue(failed.get("exitStatus").asText().contains("injected failure at optimizer step 7"), failed.toString());
        assertEquals("optimizer step 5 of 12", failed.get("progress").get("resumePoint").asText(), failed.toString());
        assertEquals(4, failed.get("progress").get("done").asLong());
        JsonNode done = Api.awaitFinished(Api.restart(failed.get("executionId").asLong(), Map.of("failAtStep", -1)));
        assertEquals("COMPLETED", done.get("batchStatus").asText());
        assertEquals(12, done.get("progress").get("done").asLong());
        assertEquals(12, done.get("progress").get("total").asLong());
        assertTrue(done.get("progress").path("resumePoint").asText("").isEmpty(), "no resume point once COMPLETED");
    }

    @Test
    void mutationsAreAudited() {
        String dataset = "api-audit-" + System.currentTimeMillis();
        long id = Api.start("prepare", Map.of("dataset", dataset, "limit", 1));
        Api.Reply refused = Api.post("jobs/prepare/executions", Map.of("limit", -3));
        assertEquals(400, refused.status());
        boolean started = false;
        boolean refusedRow = false;
        for (JsonNode a : Api.get("audit?limit=20").ok()) {
            started |= a.get("action").asText().equals("POST") && a.path("parameters").asText().contains(dataset)
                    && a.get("actor").asText().equals(Api.ADMIN)
                    && a.get("result").asText().startsWith("201") && a.get("result").asText().endsWith("/executions/" + id);
            refusedRow |= a.get("result").asText().startsWith("400") && a.get("result").asText().contains("limit");
        }
        assertTrue(started && refusedRow, Api.get("audit?limit=20").body().toString());
        Api.awaitFinished(id);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8080/openapi?format=JSON")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("/lightreasoner/api/jobs/{job}/executions"), r.body().substring(0, 500));
    }
}
