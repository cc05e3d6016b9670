package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The miniature lab's jobs on the server: synthetic problems, then a decoder pretrained from scratch. */
class LabIT extends DeployedApp {

    private static Map<String, Object> pretrain(String data, String output, Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("data", data + "/train.jsonl", "limit", 8, "output", output,
                "maxSteps", 30, "batchSize", 4, "learningRate", 0.003, "warmupSteps", 3, "checkpointEvery", 10));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void synthesizesPretrainsResumesBitIdenticallyAndTheModelEvaluates() throws IOException {
        long stamp = System.currentTimeMillis();
        String synthetic = "datasets/it-synth-" + stamp;
        JsonNode synth = Api.awaitFinished(Api.start("synthesize", Map.of("folder", synthetic, "train", 40,
                "validation", 5, "test", 10, "seed", 3)));
        assertEquals("COMPLETED", synth.get("batchStatus").asText(), synth.toString());
        assertEquals(40, Files.readAllLines(TinyPair.DATA_ROOT.resolve(synthetic + "/train.jsonl")).size());
        assertEquals(5, Files.readAllLines(TinyPair.DATA_ROOT.resolve(synthetic + "/validation.jsonl")).size());
        assertEquals(10, Files.readAllLines(TinyPair.DATA_ROOT.resolve(synthetic + "/test.jsonl")).size());

        JsonNode straight = Api.awaitFinished(Api.start("pretrain", pretrain(synthetic, "models/it-pre-a-" + stamp)));
        assertEquals("COMPLETED", straight.get("batchStatus").asText(), straight.toString());
        JsonNode steps = Api.get("training-runs/" + straight.get("instanceId").asLong() + "/steps").ok();
        assertEquals(30, steps.size());
        assertTrue(steps.get(29).get("loss").asDouble() < 0.6 * steps.get(0).get("loss").asDouble(), steps.toString());

        long failedId = Api.start("pretrain", pretrain(synthetic, "models/it-pre-b-" + stamp, "failAtStep", 15));
        assertEquals("FAILED", Api.awaitFinished(failedId).get("batchStatus").asText());
        JsonNode resumed = Api.awaitFinished(Api.restart(failedId, Map.of("failAtStep", -1)));
        assertEquals("COMPLETED", resumed.get("batchStatus").asText(), resumed.toString());
        Path a = TinyPair.DATA_ROOT.resolve("models/it-pre-a-" + stamp);
        Path b = TinyPair.DATA_ROOT.resolve("models/it-pre-b-" + stamp);
        assertArrayEquals(Files.readAllBytes(a.resolve("model.safetensors")), Files.readAllBytes(b.resolve("model.safetensors")),
                "restart from checkpoint-10 ends with the same weights, bit for bit");

        JsonNode evaluated = Api.awaitFinished(Api.start("evaluate", Map.of("model", "models/it-pre-a-" + stamp,
                "file", synthetic + "/test.jsonl", "benchmark", "synthetic", "limit", 2, "maxNewTokens", 16)));
        assertEquals("COMPLETED", evaluated.get("batchStatus").asText(), evaluated.toString());
        assertEquals(2, Api.get("evaluation-runs/" + evaluated.get("instanceId").asLong()).ok().get("items").asLong());
    }

    /**
     * The shipped pair (models/lab-expert, models/lab-amateur, copied into the data root by the build) runs the
     * whole pipeline on the server, SFT branch included, and fills every cell of the report.
     */
    @Test
    void theShippedPairRunsTheWholePipeline() {
        // the pair's own split (seed 1): its training questions give the SFT branch accepted solutions to learn from
        String synthetic = "datasets/it-lab-" + System.currentTimeMillis();
        JsonNode synth = Api.awaitFinished(Api.start("synthesize", Map.of("folder", synthetic, "seed", 1)));
        assertEquals("COMPLETED", synth.get("batchStatus").asText(), synth.toString());
        Map<String, Object> p = new HashMap<>();
        p.put("dataset", synthetic.substring("datasets/".length()));
        p.put("file", synthetic + "/train.jsonl");
        p.put("questions", 24);
        p.put("expert", "models/lab-expert");
        p.put("amateur", "models/lab-amateur");
        p.put("benchmarks", "synthetic=" + synthetic + "/test.jsonl:gsm8k");
        p.put("sft", true);
        p.put("sample.batchSize", 8);
        p.put("train.maxSteps", 4);
        p.put("train.learningRate", 0.001);
        p.put("sftSample.samples", 4);
        p.put("evaluate.limit", 24);
        p.put("sftTrain.maxSteps", 2);
        p.put("evaluate.maxNewTokens", 96);
        p.put("evaluate.batchSize", 12);
        long id = Api.start("lightreasoner", p);
        JsonNode done = Api.awaitFinished(id);
        for (int i = 0; i < 4 && done.get("batchStatus").asText().startsWith("START"); i++) {
            done = Api.awaitFinished(id);                  // up to 10 minutes in all
        }
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        JsonNode report = Api.get("pipelines/" + done.get("instanceId").asLong() + "/report").ok();
        for (String variant : new String[] {"baseline", "+SFT", "+LightR"}) {
            assertTrue(report.get("accuracy").get(variant).get("synthetic").isNumber(), variant + ": " + report);
        }
        for (String method : new String[] {"+SFT", "+LightR"}) {
            assertEquals(24, report.get("efficiency").get(method).get("sampledProblems").asLong(), report.toString());
        }
    }
}
