package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The train job on the real server: LoRA on a tiny sampling run, checkpoints, restart exactness, one at a time. */
class TrainJobIT extends DeployedApp {
    private static long samplingRun;

    @BeforeEach
    void samples() {
        if (samplingRun != 0) {
            return;
        }
        // two questions: a small set the adapter can memorise within a few epochs
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
        assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
        samplingRun = sampled.get("instanceId").asLong();
        assertTrue(Api.get("sampling-runs/" + samplingRun).ok().get("samples").asLong() > 4);
    }

    private static Map<String, Object> params(Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("samples", samplingRun, "maxSteps", 12, "checkpointEvery", 4,
                "batchSize", 4, "accumulation", 2, "learningRate", 0.01));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    private static Path runFolder(JsonNode execution) {
        return TinyPair.DATA_ROOT.resolve("runs/train-" + execution.get("instanceId").asLong());
    }

    @Test
    void trainsWithDecreasingLossKeepsTwoCheckpointsAndPublishesThePeftAdapter() throws IOException {
        JsonNode done = Api.awaitFinished(Api.start("train", params()));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        assertTrue(done.get("exitStatus").asText().startsWith("COMPLETED run=" + done.get("instanceId").asLong()
                + " steps=12 finalLoss="), done.toString());
        JsonNode steps = Api.get("training-runs/" + done.get("instanceId").asLong() + "/steps").ok();
        assertEquals(12, steps.size());
        double first = (steps.get(0).get("loss").asDouble() + steps.get(1).get("loss").asDouble()) / 2;
        double last = (steps.get(10).get("loss").asDouble() + steps.get(11).get("loss").asDouble()) / 2;
        assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
        assertEquals(0.0, steps.get(11).get("learningRate").asDouble() - 0.01 / 12, 1e-12, "linear decay to zero");
        Path run = runFolder(done);
        try (Stream<Path> entries = Files.list(run)) {
            assertEquals(List.of("adapter", "checkpoint-12", "checkpoint-8"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String config = Files.readString(run.resolve("adapter/adapter_config.json"));
        assertTrue(config.contains("\"peft_type\" : \"LORA\"") && config.contains("\"q_proj\""), config);
        assertArrayEquals(Files.readAllBytes(run.resolve("checkpoint-12/adapter_model.safetensors")),
                Files.readAllBytes(run.resolve("adapter/adapter_model.safetensors")));
    }

    /** The trained adapter merges into a standalone model that the server samples with. */
    @Test
    void mergedModelLoadsAndSamples() {
        JsonNode trained = Api.awaitFinished(Api.start("train", params("maxSteps", 4)));
        assertEquals("COMPLETED", trained.get("batchStatus").asText(), trained.toString());
        String adapter = "runs/train-" + trained.get("instanceId").asLong() + "/adapter";
        String output = "models/merged-" + trained.get("instanceId").asLong();
        JsonNode merged = Api.awaitFinished(Api.start("merge", Map.of("adapter", adapter, "output", output, "dtype", "F16")));
        assertEquals("COMPLETED", merged.get("batchStatus").asText(), merged.toString());
        assertTrue(Files.isRegularFile(TinyPair.DATA_ROOT.resolve(output).resolve("model.safetensors")));
        Api.Reply again = Api.post("jobs/merge/executions", Map.of("adapter", adapter, "output", output));
        assertEquals(400, again.status(), "an existing output is never overwritten");
        assertEquals("output", again.body().get("parameter").asText());
        JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(), "expert", output,
                "amateur", TinyPair.AMATEUR, "maxNewTokens", 8, "limit", 2)));
        assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
    }

    @Test
    void failureAndRestartEndWithABitIdenticalAdapter() throws IOException {
        JsonNode reference = Api.awaitFinished(Api.start("train", params()));
        assertEquals("COMPLETED", reference.get("batchStatus").asText(), reference.toString());
        long failedId = Api.start("train", params("failAtStep", 7));
        JsonNode failed = Api.awaitFinished(failedId);
        assertEquals("FAILED", failed.get("batchStatus").asText(), failed.toString());
        assertTrue(Files.exists(runFolder(failed).resolve("checkpoint-4")), "the chunk before the failure is checkpointed");
        JsonNode restarted = Api.awaitFinished(Api.restart(failedId, Map.of("failAtStep", -1)));
        assertEquals("COMPLETED", restarted.get("batchStatus").asText(), restarted.toString());
        assertArrayEquals(Files.readAllBytes(runFolder(reference).resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(runFolder(restarted).resolve("adapter/adapter_model.safetensors")),
                "resumed from checkpoint-4: the same final adapter, bit for bit");
    }

    /**
     * Trainings queue for the server's one training slot instead of being refused: a second start waits, shown as
     * queued behind the running one; a queued training that is stopped leaves the queue without training; the
     * second runs once the first ends. Also: a stop takes effect at the next checkpoint.
     */
    @Test
    void aSecondTrainingQueuesBehindTheRunningOne() {
        long running = Api.start("train", params("maxSteps", 100000, "checkpointEvery", 2));
        long queued;
        try {
            poll(running, e -> hasStep(e, "train-steps"), "the first training holds the slot");
            queued = Api.start("train", params("maxSteps", 3, "checkpointEvery", 3));
            long cancelled = Api.start("train", params("maxSteps", 3));
            JsonNode waiting = poll(queued, e -> e.path("queuedBehind").asLong() == running, "queued behind " + running);
            assertEquals("STARTED", waiting.get("batchStatus").asText());
            poll(cancelled, e -> e.path("queuedBehind").asLong() == running, "the third queued too");
            long third = Api.start("train", params("maxSteps", 3));
            poll(third, e -> e.path("queuedBehind").asLong() == running, "a third waiting");
            Api.Reply full = Api.post("jobs/train/executions", params());
            assertEquals(409, full.status(), "each waiting training holds a batch thread: the queue is bounded " + full.body());
            assertEquals("job", full.body().get("parameter").asText(), full.body().toString());
            assertEquals(200, Api.post("executions/" + third + "/stop", Map.of()).status() / 100 * 100);
            assertEquals("STOPPED", Api.awaitFinished(third).get("batchStatus").asText());
            assertEquals(200, Api.post("executions/" + cancelled + "/stop", Map.of()).status() / 100 * 100);
            JsonNode stopped = Api.awaitFinished(cancelled);
            assertEquals("STOPPED", stopped.get("batchStatus").asText(), stopped.toString());
            assertFalse(hasStep(stopped, "train-steps"), "stopped while queued: it never trained");
            assertEquals(running, Api.get("executions/" + queued).ok().path("queuedBehind").asLong(), "still queued");
        } finally {
            assertEquals(200, Api.post("executions/" + running + "/stop", Map.of()).status() / 100 * 100);
            JsonNode stopped = Api.awaitFinished(running);
            assertEquals("STOPPED", stopped.get("batchStatus").asText(), stopped.toString());
        }
        JsonNode second = Api.awaitFinished(queued);
        assertEquals("COMPLETED", second.get("batchStatus").asText(), second.toString());
        assertEquals(3, second.get("progress").get("done").asLong());
        assertTrue(second.path("queuedBehind").isMissingNode() || second.path("queuedBehind").isNull(), second.toString());
    }

    private static boolean hasStep(JsonNode execution, String step) {
        for (JsonNode s : execution.get("steps")) {
            if (step.equals(s.get("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode poll(long execution, java.util.function.Predicate<JsonNode> until, String what) {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonNode e = Api.get("executions/" + execution).ok();
        while (!until.test(e)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 120 s for " + what + ": " + e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException interrupted) {
                throw new AssertionError(interrupted);
            }
            e = Api.get("executions/" + execution).ok();
        }
        return e;
    }

    @Test
    void badParametersAndAnUnknownRunAreRefused() {
        Api.Reply missing = Api.post("jobs/train/executions", Map.of("maxSteps", 3));
        assertEquals(400, missing.status());
        assertEquals("samples", missing.body().get("parameter").asText());
        Api.Reply target = Api.post("jobs/train/executions", params("targets", "q_proj,attn"));
        assertEquals("targets", target.body().get("parameter").asText());
        Api.Reply unknown = Api.post("jobs/train/executions", params("samples", 987654321));
        assertEquals(400, unknown.status());
        assertEquals("samples", unknown.body().get("parameter").asText());
        assertTrue(unknown.body().get("error").asText().contains("no sampling run 987654321"), unknown.body().toString());
    }
}
