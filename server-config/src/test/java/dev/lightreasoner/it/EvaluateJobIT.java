package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evaluate job on the real server: graded rows, accuracy recounted, restart without double counting. */
class EvaluateJobIT extends DeployedApp {

    @BeforeEach
    void models() {
        TinyPair.dataset();
    }

    @Test
    void accuracyMatchesARecountOfTheStoredItems() {
        JsonNode done = Api.awaitFinished(Api.start("evaluate", Map.of("model", TinyPair.EXPERT, "limit", 6,
                "maxNewTokens", 12, "batchSize", 4)));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        long run = done.get("instanceId").asLong();
        JsonNode items = Api.get("evaluation-runs/" + run + "/items?limit=100").ok();
        assertEquals(6, items.size());
        long correct = 0;
        for (JsonNode item : items) {
            correct += item.get("correct").asBoolean() ? 1 : 0;
            assertTrue(item.get("generatedTokens").asInt() >= 1 && item.get("generatedTokens").asInt() <= 12, item.toString());
        }
        // GSM8K test line 1: Janet's ducks, gold 18
        assertEquals("18", items.get(0).get("gold").asText());
        JsonNode accuracy = Api.get("evaluation-runs/" + run).ok();
        assertEquals(6, accuracy.get("items").asLong());
        assertEquals(correct, accuracy.get("correct").asLong());
        assertEquals(String.format(java.util.Locale.ROOT, "COMPLETED run=%d benchmark=gsm8k model=%s accuracy=%.1f (%d/6)",
                run, TinyPair.EXPERT, 100.0 * correct / 6, correct), done.get("exitStatus").asText());
    }

    /** A benchmark whose answers a random model can hit: every gold is the same digit the model emits first. */
    @Test
    void gradesAgainstTheGoldAndCountsCorrectItems() throws IOException {
        JsonNode probe = Api.awaitFinished(Api.start("evaluate", Map.of("model", TinyPair.EXPERT, "limit", 1,
                "maxNewTokens", 12)));
        String output = Api.get("evaluation-runs/" + probe.get("instanceId").asLong() + "/items").ok().get(0)
                .get("predicted").asText();
        Path file = TinyPair.DATA_ROOT.resolve("datasets/it-constant-" + System.currentTimeMillis() + ".jsonl");
        String question = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May."
                + " How many clips did Natalia sell altogether in April and May?";
        // the same question twice: gold = what the model answers (correct), and a different value (wrong)
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Files.writeString(file, json.writeValueAsString(Map.of("q", question, "a", output.isEmpty() ? "none" : output))
                + "\n" + json.writeValueAsString(Map.of("q", question, "a", "123456789")) + "\n");
        JsonNode done = Api.awaitFinished(Api.start("evaluate", Map.of("model", TinyPair.EXPERT, "format", "jsonl",
                "file", TinyPair.DATA_ROOT.relativize(file).toString(), "questionField", "q", "answerField", "a",
                "benchmark", "constant", "maxNewTokens", 12)));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        JsonNode accuracy = Api.get("evaluation-runs/" + done.get("instanceId").asLong()).ok();
        assertEquals(2, accuracy.get("items").asLong());
        assertEquals(output.isEmpty() ? 0 : 1, accuracy.get("correct").asLong(), accuracy.toString());
    }

    /** Sharded (on one server): the same graded items and accuracy as one execution over the same items. */
    @Test
    void shardedEvaluationGradesTheSameItems() {
        Map<String, Object> p = new java.util.HashMap<>(Map.of("model", TinyPair.EXPERT, "from", 1, "limit", 6,
                "maxNewTokens", 12, "batchSize", 2));
        JsonNode single = Api.awaitFinished(Api.start("evaluate", p));
        p.put("shards", 3);
        JsonNode sharded = Api.awaitFinished(Api.start("evaluate", p));
        assertEquals("COMPLETED", sharded.get("batchStatus").asText(), sharded.toString());
        assertEquals(3, sharded.get("shards").size(), sharded.toString());
        JsonNode a = Api.get("evaluation-runs/" + single.get("instanceId").asLong()).ok();
        JsonNode b = Api.get("evaluation-runs/" + sharded.get("instanceId").asLong()).ok();
        assertEquals(6, b.get("items").asLong(), b.toString());
        assertEquals(a.get("correct"), b.get("correct"));
        JsonNode itemsA = Api.get("evaluation-runs/" + single.get("instanceId").asLong() + "/items?limit=100").ok();
        JsonNode itemsB = Api.get("evaluation-runs/" + sharded.get("instanceId").asLong() + "/items?limit=100").ok();
        assertEquals(itemsA, itemsB);
        assertEquals(1, itemsB.get(0).get("index").asLong(), "from=1: the file's second line first");
    }

    @Test
    void badParametersAreRefused() {
        Api.Reply format = Api.post("jobs/evaluate/executions", Map.of("model", TinyPair.EXPERT, "format", "csv"));
        assertEquals(400, format.status());
        assertEquals("format", format.body().get("parameter").asText());
        Api.Reply model = Api.post("jobs/evaluate/executions", Map.of("model", "models/none"));
        assertEquals("model", model.body().get("parameter").asText());
    }
}
