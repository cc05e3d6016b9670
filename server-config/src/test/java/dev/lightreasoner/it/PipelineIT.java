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
        // every cell with its n and interval; each method paired with the baseline on the same items
        for (String variant : new String[] {"baseline", "+SFT", "+LightR"}) {
            JsonNode cell = report.get("counts").get(variant).get("gsm8k");
            long n = cell.get("n").asLong();
            assertTrue(n > 0 && cell.get("correct").asLong() <= n, report.toString());
            double percent = report.get("accuracy").get(variant).get("gsm8k").asDouble();
            assertTrue(cell.get("ci95").get(0).asDouble() <= percent && percent <= cell.get("ci95").get(1).asDouble(),
                    report.toString());
        }
        for (String method : new String[] {"+SFT", "+LightR"}) {
            JsonNode paired = report.get("comparisons").get(method).get("gsm8k");
            long n = report.get("counts").get("baseline").get("gsm8k").get("n").asLong();
            assertEquals(n, paired.get("n").asLong(), report.toString());
            double difference = report.get("accuracy").get(method).get("gsm8k").asDouble()
                    - report.get("accuracy").get("baseline").get("gsm8k").asDouble();
            assertEquals(difference, paired.get("difference").asDouble(), 0.01, report.toString());
            assertEquals(difference, 100.0 * (paired.get("gained").asLong() - paired.get("lost").asLong()) / n, 0.01);
            double p = paired.get("mcnemarP").asDouble();
            assertTrue(p > 0 && p <= 1, report.toString());
        }
        String md = Api.text("pipelines/" + id + "/report.md");
        assertTrue(md.contains("Against the baseline on the same items (paired)"), md);
        assertTrue(md.contains("| model | gsm8k | svamp | avg |") && md.contains("| LightR |") && md.contains("| SFT |"), md);
        lineageLinksDatasetSamplesAdapterMergedModelAndEvaluation(id);
    }

    /**
     * The pipeline's lineage: an evaluation of the LightR model comes from the merge that wrote it, which comes
     * from the training whose adapter it read, which comes from the sampling run and its dataset; hashes are
     * those of the files, seeds are shown even when defaulted, versions are the server's.
     */
    private static void lineageLinksDatasetSamplesAdapterMergedModelAndEvaluation(long pipeline) throws IOException {
        JsonNode lineage = Api.get("runs/" + pipeline + "/lineage").ok();
        assertEquals("lightreasoner", lineage.get("run").get("job").asText());
        assertEquals("0.36.0", lineage.get("environment").get("djl").asText(), lineage.get("environment").toString());
        assertTrue(lineage.get("environment").get("pytorch").asText().startsWith("2."), lineage.get("environment").toString());
        JsonNode evaluation = find(lineage.get("run"), "evaluate", r -> r.get("parameters").get("model").asText().contains("lightr"));
        JsonNode merge = find(evaluation, "merge", r -> true);
        assertEquals(evaluation.get("parameters").get("model").asText(), merge.get("parameters").get("output").asText());
        JsonNode train = find(merge, "train", r -> true);
        assertEquals("lightr", train.get("parameters").get("objective").asText());
        assertEquals("42", train.get("parameters").get("seed").asText(), "the default seed is part of the lineage");
        JsonNode sample = find(train, "sample", r -> true);
        assertEquals(train.get("parameters").get("samples").asLong(), sample.get("instanceId").asLong());
        assertTrue(sample.get("results").get("stepsKept").asLong() > 0, sample.toString());

        JsonNode adapter = artifact(train.get("outputs"), "adapter");
        assertEquals(sha256(TinyPair.DATA_ROOT.resolve(adapter.get("path").asText()).resolve("adapter_model.safetensors")),
                adapter.get("sha256").asText());
        assertEquals(adapter.get("path").asText() + "/", artifact(merge.get("inputs"), "adapter").get("path").asText() + "/");
        JsonNode expert = artifact(sample.get("inputs"), "expert");
        assertEquals("model", expert.get("kind").asText());
        assertEquals(sha256(TinyPair.DATA_ROOT.resolve(TinyPair.EXPERT).resolve("model.safetensors")), expert.get("sha256").asText());
        JsonNode dataset = artifact(sample.get("inputs"), "dataset");
        assertEquals("pipeline-digits", dataset.get("path").asText());
        assertEquals(10, dataset.get("bytes").asLong(), "the dataset's question count");
        assertTrue(evaluation.get("results").get("items").asLong() == 3, evaluation.toString());
    }

    /** The first run of the job (depth first, the run itself included) that matches. */
    private static JsonNode find(JsonNode run, String job, java.util.function.Predicate<JsonNode> matches) {
        if (run.get("job").asText().equals(job) && matches.test(run)) {
            return run;
        }
        for (JsonNode up : run.get("from")) {
            try {
                return find(up, job, matches);
            } catch (AssertionError notThere) {
                // keep looking in the next branch
            }
        }
        throw new AssertionError("no " + job + " run in the lineage of " + run.get("job") + " " + run.get("instanceId"));
    }

    private static JsonNode artifact(JsonNode artifacts, String role) {
        for (JsonNode a : artifacts) {
            if (a.get("role").asText().equals(role)) {
                return a;
            }
        }
        throw new AssertionError("no " + role + " in " + artifacts);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Stage reuse: an identical pipeline reuses the finished stages whose job, effective parameters and input content
     * are the same (the report and the API say so), runs the ones that write somewhere new (its merge), and with
     * reuse=false runs every stage again.
     */
    @Test
    void anIdenticalPipelineReusesFinishedStagesAndReuseFalseRunsThemAll() throws IOException {
        // parameters of this test only, so that no other test's stages match
        Object[] own = {"sft", false, "train.seed", 4242, "evaluate.batchSize", 3, "benchmarks", "gsm8k"};
        JsonNode first = Api.awaitFinished(Api.start("lightreasoner", params(own)));
        assertEquals("COMPLETED", first.get("batchStatus").asText(), first.toString());
        Map<String, JsonNode> ran = byStage(Api.get("pipelines/" + first.get("instanceId").asLong()).ok());
        for (String stage : new String[] {"train", "evaluate-baseline/gsm8k"}) {
            assertEquals(false, ran.get(stage).get("reused").asBoolean(), stage + " ran: " + ran.get(stage));
        }

        JsonNode second = Api.awaitFinished(Api.start("lightreasoner", params(own)));
        assertEquals("COMPLETED", second.get("batchStatus").asText(), second.toString());
        long id = second.get("instanceId").asLong();
        Map<String, JsonNode> again = byStage(Api.get("pipelines/" + id).ok());
        for (String stage : new String[] {"sample", "train", "evaluate-baseline/gsm8k"}) {
            assertEquals(true, again.get(stage).get("reused").asBoolean(), stage + ": " + again.get(stage));
            assertEquals(ran.get(stage).get("runId"), again.get(stage).get("runId"), stage + " points at the run it reuses");
            assertEquals("COMPLETED", again.get(stage).get("status").asText());
        }
        assertEquals(false, again.get("merge").get("reused").asBoolean(), "the merge writes this pipeline's own model");
        String md = Api.text("pipelines/" + id + "/report.md");
        assertTrue(md.contains("`train`: reused from #" + ran.get("train").get("runId").asLong()), md);
        JsonNode efficiency = Api.get("pipelines/" + id + "/report").ok().get("efficiency").get("+LightR");
        assertTrue(efficiency.get("seconds").asDouble() > 0, "the reused runs' time is reported: " + efficiency);

        JsonNode fresh = Api.awaitFinished(Api.start("lightreasoner", params(own[0], own[1], own[2], own[3], own[4], own[5],
                own[6], own[7], "reuse", false)));
        assertEquals("COMPLETED", fresh.get("batchStatus").asText(), fresh.toString());
        Map<String, JsonNode> forced = byStage(Api.get("pipelines/" + fresh.get("instanceId").asLong()).ok());
        forced.forEach((stage, row) -> assertEquals(false, row.get("reused").asBoolean(), stage + ": " + row));
        assertTrue(forced.get("train").get("runId").asLong() != ran.get("train").get("runId").asLong(), "trained again");
    }

    private static Map<String, JsonNode> byStage(JsonNode stages) {
        Map<String, JsonNode> out = new HashMap<>();
        stages.forEach(s -> out.put(s.get("stage").asText(), s));
        return out;
    }
}
