package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lightreasoner pipeline on the tiny pair: every stage as its own job, the SFT branch, the report with
 * every cell filled; a failed stage and a pipeline restart that resumes only that stage.
 */
class PipelineIT extends DeployedApp {

    /** Training questions with golds 0..9 so that rejection sampling accepts some random solutions. */
    private static String digitsFile() throws IOException {
        Path file = TinyPair.DATA_ROOT.resolve("datasets/it-pipeline-digits.jsonl");
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int d = 0; d < 10; d++) {
            lines.append(json.writeValueAsString(Map.of("question", "Pick a number from 0 to 9.", "answer", "#### " + d)))
                    .append('\n');
        }
        Files.writeString(file, lines);
        return TinyPair.DATA_ROOT.relativize(file).toString();
    }

    private static Map<String, Object> params(Object... extra) throws IOException {
        TinyPair.dataset();
        Map<String, Object> p = new HashMap<>();
        p.put("dataset", "pipeline-digits");
        p.put("file", digitsFile());
        p.put("questions", 10);
        p.put("expert", TinyPair.EXPERT);
        p.put("amateur", TinyPair.AMATEUR);
        p.put("benchmarks", "gsm8k,svamp");
        p.put("sft", true);
        p.put("sample.maxNewTokens", 12);
        p.put("sample.beta", 1.5);
        p.put("train.maxSteps", 4);
        p.put("train.checkpointEvery", 2);
        p.put("sftSample.samples", 8);
        p.put("sftSample.temperature", 1.0);
        p.put("sftSample.topP", 1.0);
        p.put("sftSample.maxNewTokens", 24);
        p.put("sftTrain.maxSteps", 2);
        p.put("evaluate.limit", 3);
        p.put("evaluate.maxNewTokens", 8);
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void runsEveryStageAndReportsBothTables() throws IOException {
        JsonNode done = Api.awaitFinished(Api.start("lightreasoner", params()));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        long id = done.get("instanceId").asLong();
        assertTrue(done.get("exitStatus").asText().matches("COMPLETED pipeline=" + id
                + " baseline=\\d+\\.\\d SFT=\\d+\\.\\d LightR=\\d+\\.\\d"), done.get("exitStatus").asText());
        JsonNode stages = Api.get("pipelines/" + id).ok();
        assertEquals(13, stages.size(), stages.toString());   // 7 jobs + 3 variants x 2 benchmarks
        for (JsonNode s : stages) {
            assertEquals("COMPLETED", s.get("status").asText(), s.toString());
        }
        JsonNode report = Api.get("pipelines/" + id + "/report").ok();
        for (String variant : new String[] {"baseline", "+SFT", "+LightR"}) {
            JsonNode row = report.get("accuracy").get(variant);
            for (String b : new String[] {"gsm8k", "svamp", "avg"}) {
                assertTrue(row.get(b).isNumber(), variant + " " + b + ": " + report);
            }
        }
        for (String method : new String[] {"+SFT", "+LightR"}) {
            JsonNode row = report.get("efficiency").get(method);
            assertEquals(10, row.get("sampledProblems").asLong(), report.toString());
            assertTrue(row.get("tunedTokens").asLong() > 0 && row.get("seconds").asDouble() > 0, report.toString());
            assertTrue(row.get("averageGain").isNumber(), report.toString());
        }
        String md = Api.text("pipelines/" + id + "/report.md");
        assertTrue(md.contains("| model | gsm8k | svamp | avg |") && md.contains("| LightR |") && md.contains("| SFT |"), md);
    }

    @Test
    void aFailedStageIsResumedByAPipelineRestartWithoutRedoingFinishedStages() throws IOException {
        long failedId = Api.start("lightreasoner", params("sft", false, "train.failAtStep", 3));
        JsonNode failed = Api.awaitFinished(failedId);
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        long id = failed.get("instanceId").asLong();
        Map<String, JsonNode> before = byStage(Api.get("pipelines/" + id).ok());
        assertEquals("FAILED", before.get("train").get("status").asText());
        JsonNode restarted = Api.awaitFinished(Api.restart(failedId, Map.of("train.failAtStep", -1)));
        assertEquals("COMPLETED", restarted.get("batchStatus").asText(), restarted.toString());
        Map<String, JsonNode> after = byStage(Api.get("pipelines/" + id).ok());
        assertEquals(before.get("sample").get("executionId"), after.get("sample").get("executionId"), "not redone");
        assertEquals(before.get("train").get("runId"), after.get("train").get("runId"), "the same training run, resumed");
        assertTrue(after.get("train").get("executionId").asLong() > before.get("train").get("executionId").asLong());
        assertEquals("COMPLETED", after.get("train").get("status").asText());
    }

    private static Map<String, JsonNode> byStage(JsonNode stages) {
        Map<String, JsonNode> out = new HashMap<>();
        stages.forEach(s -> out.put(s.get("stage").asText(), s));
        return out;
    }
}
