package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Monitoring as operators run it, on the real endpoints without credentials: the application's readiness and
 * liveness, the server's health on the management port, and the Prometheus scrape moving with a real sampling and
 * training run by exactly what those runs report.
 */
class MonitoringIT extends DeployedApp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROMETHEUS = "http://127.0.0.1:9990/prometheus";

    @Test
    void readinessAndLivenessAnswerWithoutCredentials() throws Exception {
        HttpResponse<String> ready = get("http://127.0.0.1:8080/lightreasoner/api/system/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = new ObjectMapper().readTree(ready.body());
        assertEquals("UP", body.get("status").asText(), ready.body());
        Map<String, String> checks = new HashMap<>();
        body.get("checks").forEach(c -> checks.put(c.get("name").asText(), c.get("status").asText()));
        assertEquals(Map.of("database", "UP", "data-root-writable", "UP", "djl-engine", "UP"), checks);
        assertTrue(!ready.body().contains("/"), "no path in the readiness answer: " + ready.body());
        assertEquals(200, get("http://127.0.0.1:8080/lightreasoner/api/system/health/live").statusCode());
        HttpResponse<String> server = get("http://127.0.0.1:9990/health/ready");
        assertEquals(200, server.statusCode(), server.body());
        assertTrue(server.body().replace(" ", "").contains("\"lightreasoner.ear\":\"OK\""), server.body());
    }

    @Test
    void thePrometheusScrapeCountsWhatTheRunsDid() throws Exception {
        String before = get(PROMETHEUS).body();
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 6, "beta", 1.5)));
        assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
        JsonNode run = Api.get("sampling-runs/" + sampled.get("instanceId").asLong()).ok();
        JsonNode trained = Api.awaitFinished(Api.start("train", Map.of("samples", sampled.get("instanceId").asLong(),
                "maxSteps", 3, "checkpointEvery", 3, "batchSize", 4)));
        assertEquals("COMPLETED", trained.get("batchStatus").asText(), trained.toString());
        String after = get(PROMETHEUS).body();

        assertEquals(6, value(after, "lightreasoner_sampling_questions_total", "") - value(before, "lightreasoner_sampling_questions_total", ""));
        assertEquals(run.get("stepsConsidered").asDouble(), value(after, "lightreasoner_sampling_steps_considered_total", "")
                - value(before, "lightreasoner_sampling_steps_considered_total", ""));
        assertEquals(run.get("stepsKept").asDouble(), value(after, "lightreasoner_sampling_steps_kept_total", "")
                - value(before, "lightreasoner_sampling_steps_kept_total", ""));
        assertEquals(3, value(after, "lightreasoner_training_steps_total", "job=\"train\"")
                - value(before, "lightreasoner_training_steps_total", "job=\"train\""));
        double loss = value(after, "lightreasoner_training_loss", "job=\"train\"");
        assertTrue(Double.isFinite(loss) && loss > 0, "latest loss " + loss);
        assertTrue(value(after, "lightreasoner_chunk_seconds_count", "job=\"sample\"") >= 1, "sampling chunks are timed");
        assertTrue(after.matches("(?s).*\\nlightreasoner_training_queue(\\{[^}]*\\})? 0\\.0\\n.*"), "no training waits for the slot now");
        // executions by job and status come from the job repository, refreshed at most every 10 s
        long deadline = System.currentTimeMillis() + 30_000;
        double completedTrains;
        do {
            completedTrains = value(get(PROMETHEUS).body(), "lightreasoner_executions", "job=\"train\",status=\"COMPLETED\"");
            Thread.sleep(1000);
        } while (completedTrains < 1 && System.currentTimeMillis() < deadline);
        assertTrue(completedTrains >= 1, "completed train executions " + completedTrains);
    }

    @Test
    void anExecutionsLogHoldsItsOwnLinesOnly() throws Exception {
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
        JsonNode failed = Api.awaitFinished(Api.start("train", Map.of("samples", sampled.get("instanceId").asLong(),
                "maxSteps", 4, "checkpointEvery", 2, "batchSize", 4, "failAtStep", 3)));
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        long id = failed.get("executionId").asLong();
        HttpResponse<String> log = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + "executions/" + id + "/log"))
                .header("Authorization", Api.authorization(Api.VIEWER)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, log.statusCode(), log.body());
        assertTrue(log.body().contains("injected failure at optimizer step 3"), "the failure is in its log:\n" + log.body());
        for (String line : log.body().split("\n")) {
            if (line.matches("^\\d{4}-\\d{2}-\\d{2} .*")) {
                assertTrue(line.contains("[execution " + id + "] "), "only this execution's lines: " + line);
            }
        }
        assertEquals(404, Api.get("executions/99999999/log").status());
    }

    /** The value of the first series of a metric whose labels contain the given text (0 when absent). */
    private static double value(String scrape, String metric, String labels) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
