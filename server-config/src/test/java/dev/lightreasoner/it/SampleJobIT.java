package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.model.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample job on the real server with a tiny expert/amateur pair written into the data root. */
class SampleJobIT extends DeployedApp {
    private static final Path DATA_ROOT = TinyPair.DATA_ROOT;
    private static final String EXPERT = TinyPair.EXPERT;
    private static final String AMATEUR = TinyPair.AMATEUR;
    private static String dataset;

    @BeforeEach
    void modelsAndQuestions() {
        dataset = TinyPair.dataset();
    }

    private static Map<String, Object> params(Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("dataset", dataset, "expert", EXPERT, "amateur", AMATEUR,
                "maxNewTokens", 16, "batchSize", 2, "limit", 12, "beta", 1.5));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    private static JsonNode run(JsonNode execution) {
        return Api.get("sampling-runs/" + execution.get("instanceId").asLong()).ok();
    }

    private static List<JsonNode> rows(JsonNode execution) {
        JsonNode page = Api.get("sampling-runs/" + execution.get("instanceId").asLong() + "/samples?limit=1000").ok();
        List<JsonNode> out = new ArrayList<>();
        page.forEach(out::add);
        return out;
    }

    @Test
    void completesWithStatisticsConsistentWithItsRows() {
        JsonNode done = Api.awaitFinished(Api.start("sample", params()));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        JsonNode run = run(done);
        List<JsonNode> rows = rows(done);
        assertEquals(12, run.get("questionsDone").asLong());
        assertEquals(rows.size(), run.get("stepsKept").asLong());
        assertEquals(rows.size(), run.get("samples").asLong());
        assertTrue(rows.size() > 0 && run.get("stepsKept").asLong() < run.get("stepsConsidered").asLong(), run.toString());
        long histogramTotal = 0;
        for (JsonNode bin : run.get("klHistogram")) {
            histogramTotal += bin.asLong();
        }
        assertEquals(run.get("stepsConsidered").asLong(), histogramTotal, "every considered step is in the histogram");
        assertEquals(String.format(java.util.Locale.ROOT,
                "COMPLETED run=%d questions=12 considered=%d kept=%d keptRate=%.4f meanKl=%.4f",
                done.get("instanceId").asLong(), run.get("stepsConsidered").asLong(), rows.size(),
                run.get("keptRate").asDouble(), run.get("meanKl").asDouble()), done.get("exitStatus").asText());
        for (JsonNode s : rows) {
            assertTrue(s.get("kl").asDouble() >= 1.5, s.toString());
            assertTrue(s.get("step").asInt() >= 1 && s.get("step").asInt() < 16, s.toString());
            assertEquals(s.get("step").asInt(), s.get("prefixIds").size());
            double sum = 0;
            int previous = -1;
            for (int i = 0; i < s.get("tokenIds").size(); i++) {
                assertTrue(s.get("tokenIds").get(i).asInt() > previous, "ids ascending: " + s);
                previous = s.get("tokenIds").get(i).asInt();
                sum += s.get("weights").get(i).asDouble();
            }
            assertEquals(1.0, sum, 1e-9, s.toString());
        }
    }

    @Test
    void failureAndRestartGiveExactlyTheRowsOfAnUninterruptedRun() {
        JsonNode reference = Api.awaitFinished(Api.start("sample", params()));
        long failedId = Api.start("sample", params("failAtQuestion", 7));
        JsonNode failed = Api.awaitFinished(failedId);
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        // batches of 2 with one batch per chunk: questions 0-5 committed, [6, 7] rolled back
        assertEquals(6, run(failed).get("questionsDone").asLong());
        JsonNode restarted = Api.awaitFinished(Api.restart(failedId, Map.of("failAtQuestion", -1)));
        assertEquals("COMPLETED", restarted.get("batchStatus").asText(), restarted.toString());
        assertEquals(failed.get("instanceId").asLong(), restarted.get("instanceId").asLong());
        assertEquals(strip(rows(reference)), strip(rows(restarted)));
        assertEquals(run(reference).get("stepsConsidered"), run(restarted).get("stepsConsidered"));
    }

    @Test
    void partitionedRunGivesTheRowsOfTheSingleRun() {
        List<JsonNode> single = rows(Api.awaitFinished(Api.start("sample", params())));
        JsonNode partitioned = Api.awaitFinished(Api.start("sample", params("partitions", 3)));
        assertEquals("COMPLETED", partitioned.get("batchStatus").asText(), partitioned.toString());
        List<JsonNode> rows = rows(partitioned);
        assertEquals(single.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode a = single.get(i);
            JsonNode b = rows.get(i);
            assertEquals(a.get("question"), b.get("question"));
            assertEquals(a.get("step"), b.get("step"));
            assertEquals(a.get("tokenIds"), b.get("tokenIds"));
            // other batch compositions: same values up to fp32 reduction order
            assertEquals(a.get("kl").asDouble(), b.get("kl").asDouble(), 1e-4);
        }
    }

    /**
     * Sharded on one server (its own queue and consumer): the run hands its range out as shards of whole batches, each
     * a sample execution of its own writing into the run; the export is byte-identical to the unsharded run's.
     */
    @Test
    void shardedRunGivesTheBytesOfTheSingleRun() {
        JsonNode single = Api.awaitFinished(Api.start("sample", params()));
        JsonNode sharded = Api.awaitFinished(Api.start("sample", params("shards", 3)));
        assertEquals("COMPLETED", sharded.get("batchStatus").asText(), sharded.toString());
        assertEquals(Api.text("sampling-runs/" + single.get("instanceId").asLong() + "/samples.jsonl"),
                Api.text("sampling-runs/" + sharded.get("instanceId").asLong() + "/samples.jsonl"));
        assertEquals(run(single).get("stepsConsidered"), run(sharded).get("stepsConsidered"));
        assertTrue(sharded.get("exitStatus").asText().startsWith("COMPLETED run=" + sharded.get("instanceId").asLong()
                + " questions=12 "), sharded.toString());
        JsonNode shards = sharded.get("shards");
        assertEquals(3, shards.size(), sharded.toString());
        java.util.Set<Long> executions = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {                            // batches of 2: 6 batches, 2 per shard
            JsonNode s = shards.get(i);
            assertEquals(4 * i, s.get("first").asLong(), s.toString());
            assertEquals(4, s.get("count").asLong(), s.toString());
            assertEquals(4, s.get("itemsDone").asLong(), s.toString());
            assertEquals("DONE", s.get("state").asText(), s.toString());
            JsonNode execution = Api.get("executions/" + s.get("executionId").asLong()).ok();
            assertEquals("COMPLETED", execution.get("batchStatus").asText(), execution.toString());
            assertEquals(String.valueOf(sharded.get("instanceId").asLong()), execution.get("parameters").get("shardOf").asText());
            executions.add(s.get("executionId").asLong());
        }
        assertEquals(3, executions.size(), "one execution per shard");
        // shardOf is the server's: a start that names a shard the run did not plan, or a planned one with other
        // parameters, is refused; so is a restart of a shard with changes
        long run = sharded.get("instanceId").asLong();
        for (Map<String, Object> forged : List.of(params("shardOf", single.get("instanceId").asLong()),
                params("shardOf", run, "from", 0, "limit", 4, "beta", 0.1))) {
            Api.Reply refused = Api.post("jobs/sample/executions", forged);
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(refused.body().toString().contains("shardOf"), refused.toString());
        }
        Api.Reply changed = Api.post("executions/" + shards.get(0).get("executionId").asLong() + "/restart",
                Map.of("beta", 0.1));
        assertEquals(400, changed.status(), changed.toString());
        assertTrue(changed.body().toString().contains("beta"), changed.toString());
    }

    /**
     * A sampling expert (temperature, topP, seed): each question draws from its own stream, so other batches and
     * partitions, and a failure and restart, give the same trajectories; the log says which prompts and decoding ran.
     */
    @Test
    void sampledTrajectoriesDependOnSeedAndQuestionOnly() {
        Object[] sampling = {"temperature", 1.3, "topP", 0.9, "seed", 5};
        JsonNode reference = Api.awaitFinished(Api.start("sample", params(sampling)));
        assertEquals("COMPLETED", reference.get("batchStatus").asText(), reference.toString());
        List<JsonNode> sampled = rows(reference);
        assertTrue(!sampled.isEmpty());
        assertTrue(!strip(sampled).equals(strip(rows(Api.awaitFinished(Api.start("sample", params()))))),
                "sampled trajectories are not the greedy ones");
        JsonNode regrouped = Api.awaitFinished(Api.start("sample", params("temperature", 1.3, "topP", 0.9, "seed", 5,
                "batchSize", 3, "partitions", 2)));
        List<JsonNode> rows = rows(regrouped);
        assertEquals(sampled.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(sampled.get(i).get("question"), rows.get(i).get("question"));
            assertEquals(sampled.get(i).get("prefixIds"), rows.get(i).get("prefixIds"));
            assertEquals(sampled.get(i).get("tokenIds"), rows.get(i).get("tokenIds"));
            assertEquals(sampled.get(i).get("kl").asDouble(), rows.get(i).get("kl").asDouble(), 1e-4);
        }
        long failedId = Api.start("sample", params("temperature", 1.3, "topP", 0.9, "seed", 5, "failAtQuestion", 7));
        assertEquals("FAILED", Api.awaitFinished(failedId).get("batchStatus").asText());
        JsonNode restarted = Api.awaitFinished(Api.restart(failedId, Map.of("failAtQuestion", -1)));
        assertEquals("COMPLETED", restarted.get("batchStatus").asText(), restarted.toString());
        assertEquals(strip(sampled), strip(rows(restarted)));
        // the tiny models carry ChatML as their chat template and a greedy generation_config: the log names the
        // template, and has nothing to say about generation settings
        String log = Api.text("executions/" + reference.get("executionId").asLong() + "/log");
        assertTrue(log.contains("prompts rendered with the chat template of tokenizer_config.json of the model"), log);
        assertTrue(!log.contains("generation_config.json asks for"), log);
    }

    @Test
    void exportsLightReasonerJsonl() throws IOException {
        JsonNode done = Api.awaitFinished(Api.start("sample", params("limit", 4)));
        long id = done.get("instanceId").asLong();
        List<JsonNode> rows = rows(done);
        String[] lines = Api.text("sampling-runs/" + id + "/samples.jsonl").split("\n");
        assertEquals(rows.size(), lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        JsonNode question = Api.get("datasets/" + dataset + "/questions?limit=1&offset="
                + rows.get(0).get("question").asLong()).ok().get(0);
        assertEquals(question.get("question").asText(), first.get("prompt_id").asText());
        assertEquals(rows.get(0).get("step").asInt(), first.get("step").asInt());
        assertEquals(rows.get(0).get("tokenIds"), first.get("token_ids"));
        assertEquals(rows.get(0).get("kl").asDouble(), first.get("kl_divergence").asDouble(), 0);
        assertEquals(first.get("token_ids").size(), first.get("tokens").size());
        assertTrue(first.get("prefix").isTextual() && !first.get("prefix").asText().isEmpty());
    }

    /** Export, import the file as a new run, export again: the same records (an exact round trip). */
    @Test
    void jsonlExportImportRoundTrips() throws IOException {
        JsonNode done = Api.awaitFinished(Api.start("sample", params("limit", 4)));
        String exported = Api.text("sampling-runs/" + done.get("instanceId").asLong() + "/samples.jsonl");
        Path file = DATA_ROOT.resolve("imports/run-" + done.get("instanceId").asLong() + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, exported);
        JsonNode imported = Api.awaitFinished(Api.start("import-samples",
                Map.of("file", DATA_ROOT.relativize(file).toString(), "expert", EXPERT, "chunkSize", 3)));
        assertEquals("COMPLETED", imported.get("batchStatus").asText(), imported.toString());
        long importedRun = imported.get("instanceId").asLong();
        JsonNode run = Api.get("sampling-runs/" + importedRun).ok();
        assertEquals("IMPORTED", run.get("kind").asText());
        assertEquals(exported.split("\n").length, run.get("samples").asLong());
        assertEquals(exported, Api.text("sampling-runs/" + importedRun + "/samples.jsonl"));
    }

    @Test
    void malformedImportLineFailsWithItsLineNumberAndKeepsEarlierRows() throws IOException {
        Path file = DATA_ROOT.resolve("imports/bad-" + System.currentTimeMillis() + ".jsonl");
        Files.createDirectories(file.getParent());
        String good = "{\"prompt_id\":\"q\",\"step\":1,\"prefix\":\"a\",\"token_ids\":[5],\"weights\":[1.0],"
                + "\"kl_divergence\":0.5}";
        Files.writeString(file, good + "\n" + good.replace("\"step\":1", "\"step\":2") + "\n{\"prompt_id\": \"q\"}\n");
        JsonNode failed = Api.awaitFinished(Api.start("import-samples",
                Map.of("file", DATA_ROOT.relativize(file).toString(), "expert", EXPERT, "chunkSize", 2)));
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        assertEquals(2, Api.get("sampling-runs/" + failed.get("instanceId").asLong()).ok().get("samples").asLong(),
                "the committed chunk before the bad line is kept");
    }

    @Test
    void differentTokenizersFailTheJobWithAClearStatus() throws IOException {
        Path other = DATA_ROOT.resolve("models/it-amateur-other-tokenizer");
        TinyModels.write(other, TinyModels.Spec.qwen2().withLayers(1), 7, 0.3);
        Files.writeString(other.resolve("tokenizer.json"),
                Files.readString(other.resolve("tokenizer.json")).replace("<|im_end|>", "<|eot_id|>"));
        JsonNode failed = Api.awaitFinished(Api.start("sample", params("amateur", "models/it-amateur-other-tokenizer")));
        assertEquals("FAILED", failed.get("batchStatus").asText());
        assertTrue(failed.get("exitStatus").asText().startsWith("FAILED expert and amateur tokenizers differ: special tokens differ"),
                failed.toString());
    }

    @Test
    void badParametersAreRefusedBeforeStarting() {
        Api.Reply missing = Api.post("jobs/sample/executions", params("expert", "models/nope"));
        assertEquals(400, missing.status());
        assertEquals("expert", missing.body().get("parameter").asText());
        Api.Reply escape = Api.post("jobs/sample/executions", params("amateur", "../../etc"));
        assertEquals(400, escape.status());
        assertEquals("amateur", escape.body().get("parameter").asText());
        Api.Reply alpha = Api.post("jobs/sample/executions", params("alpha", 0));
        assertEquals(400, alpha.status());
        assertEquals("alpha", alpha.body().get("parameter").asText());
        Api.Reply devices = Api.post("jobs/sample/executions", params("devices", "tpu"));
        assertEquals("devices", devices.body().get("parameter").asText());
    }

    /** Rows without database-specific fields, for exact comparison across runs. */
    private static List<String> strip(List<JsonNode> rows) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(r.get("question") + "/" + r.get("step") + "/" + r.get("prefixIds") + "/" + r.get("tokenIds") + "/"
                    + r.get("weights") + "/" + r.get("kl"));
        }
        return out;
    }
}
