package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SFT baseline: rejection sampling on the server, then LoRA SFT (cross-entropy on whole solutions). */
class SftBaselineIT extends DeployedApp {
    private static final Pattern STATUS = Pattern.compile(
            "COMPLETED run=(\\d+) questions=10 drawn=160 accepted=(\\d+) solved=(\\d+) tunedTokens=(\\d+)");

    @Test
    void rejectionSamplingKeepsCorrectSolutionsAndSftTrainsOnThem() throws IOException {
        TinyPair.dataset();
        // ten copies of one question whose golds are 0..9: a draw ending in digit d is correct for gold d
        Path file = TinyPair.DATA_ROOT.resolve("datasets/it-digits-" + System.currentTimeMillis() + ".jsonl");
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int d = 0; d < 10; d++) {
            lines.append(json.writeValueAsString(Map.of("question", "Pick a number from 0 to 9.",
                    "answer", "Any.\n#### " + d))).append('\n');
        }
        Files.writeString(file, lines);
        String dataset = "digits-" + System.currentTimeMillis();
        assertEquals("COMPLETED", Api.awaitFinished(Api.start("prepare", Map.of("dataset", dataset,
                "file", TinyPair.DATA_ROOT.relativize(file).toString()))).get("batchStatus").asText());

        JsonNode sampled = Api.awaitFinished(Api.start("sft-sample", Map.of("dataset", dataset, "expert", TinyPair.EXPERT,
                "samples", 16, "temperature", 1.0, "topP", 1.0, "maxNewTokens", 24, "limit", 10)));
        assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
        Matcher m = STATUS.matcher(sampled.get("exitStatus").asText());
        assertTrue(m.matches(), sampled.get("exitStatus").asText());
        long accepted = Long.parseLong(m.group(2));
        long solved = Long.parseLong(m.group(3));
        assertTrue(solved >= 1 && accepted >= solved && Long.parseLong(m.group(4)) >= accepted, m.group());
        long run = Long.parseLong(m.group(1));
        JsonNode view = Api.get("sampling-runs/" + run).ok();
        assertEquals("SFT", view.get("kind").asText());
        assertEquals(accepted, view.get("stepsKept").asLong());

        Api.Reply wrongKind = Api.post("jobs/train/executions", Map.of("samples", run, "maxSteps", 2));
        assertEquals(400, wrongKind.status(), "objective=lightr on an SFT run is refused before it starts");
        assertEquals("samples", wrongKind.body().get("parameter").asText());
        assertTrue(wrongKind.body().get("error").asText().contains("needs a sample or import-samples run"),
                wrongKind.body().toString());

        // six passes over the accepted solutions, four per step
        JsonNode trained = Api.awaitFinished(Api.start("train", Map.of("samples", run, "objective", "sft", "epochs", 6,
                "checkpointEvery", 10, "batchSize", 4, "accumulation", 1, "learningRate", 0.03)));
        assertEquals("COMPLETED", trained.get("batchStatus").asText(), trained.toString());
        JsonNode steps = Api.get("training-runs/" + trained.get("instanceId").asLong() + "/steps").ok();
        int n = steps.size();
        assertEquals((int) Math.ceil(6.0 * accepted / 4), n, "epochs x solutions / solutions per step");
        double first = 0;
        double last = 0;
        int quarter = Math.max(1, n / 4);
        for (int i = 0; i < quarter; i++) {
            first += steps.get(i).get("loss").asDouble() / quarter;
            last += steps.get(n - 1 - i).get("loss").asDouble() / quarter;
        }
        assertTrue(last < 0.8 * first, "cross-entropy " + first + " -> " + last + " over " + n + " steps");
    }
}
