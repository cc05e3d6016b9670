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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized kill -9 proof: the server JVM is killed with SIGKILL while a job runs (at a seeded random
 * point of its progress), started again, and the execution is shown FAILED with a CRASHED exit status;
 * its restart resumes from the last checkpoint and ends with exactly the rows / adapter of an uninterrupted
 * run. Also: the JVM halts while a training checkpoint is half written. The full-size script is
 * {@code server-config/bin/kill9-proof.sh}.
 */
class CrashRecoveryIT extends DeployedApp {
    private static final Random RANDOM = new Random(Long.getLong("kill.seed", 20261126L));
    private static final int TRIALS = Integer.getInteger("kill.trials", 2);

    private static Map<String, Object> sampleParams() {
        return new HashMap<>(Map.of("dataset", TinyPair.dataset(), "expert", TinyPair.EXPERT, "amateur",
                TinyPair.AMATEUR, "maxNewTokens", 24, "batchSize", 1, "limit", 12, "beta", 1.5));
    }

    private static long trainingSamples;

    private static Map<String, Object> trainParams() {
        if (trainingSamples == 0) {
            JsonNode sampled = Api.awaitFinished(Api.start("sample", Map.of("dataset", TinyPair.dataset(),
                    "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR, "maxNewTokens", 16, "limit", 2, "beta", 1.5)));
            assertEquals("COMPLETED", sampled.get("batchStatus").asText(), sampled.toString());
            trainingSamples = sampled.get("instanceId").asLong();
        }
        return new HashMap<>(Map.of("samples", trainingSamples, "maxSteps", 16, "checkpointEvery", 2, "batchSize", 4,
                "accumulation", 2, "learningRate", 0.01));
    }

    @Test
    void killedSamplingResumesToTheRowsOfAnUninterruptedRun() {
        JsonNode reference = Api.awaitFinished(Api.start("sample", sampleParams()));
        assertEquals("COMPLETED", reference.get("batchStatus").asText(), reference.toString());
        String expected = Api.text("sampling-runs/" + reference.get("instanceId").asLong() + "/samples.jsonl");
        for (int trial = 1; trial <= TRIALS; trial++) {
            int killAfter = 1 + RANDOM.nextInt(6);             // questions committed before the kill (of 12)
            long id = Api.start("sample", sampleParams());
            long run = Api.get("executions/" + id).ok().get("instanceId").asLong();
            killServerWhen(() -> count("sampling-runs/" + run, "questionsDone") >= killAfter);
            restartCrashed(id);
            assertEquals(expected, Api.text("sampling-runs/" + run + "/samples.jsonl"),
                    "trial " + trial + " (killed after " + killAfter + " questions): rows differ from the uninterrupted run");
        }
    }

    @Test
    void killedTrainingResumesToTheAdapterOfAnUninterruptedRun() throws IOException {
        JsonNode reference = Api.awaitFinished(Api.start("train", trainParams()));
        assertEquals("COMPLETED", reference.get("batchStatus").asText(), reference.toString());
        byte[] expected = Files.readAllBytes(adapter(reference.get("instanceId").asLong()));
        for (int trial = 1; trial <= TRIALS; trial++) {
            int killAfter = 1 + RANDOM.nextInt(10);            // optimizer steps recorded before the kill (of 16)
            long id = Api.start("train", trainParams());
            long run = Api.get("executions/" + id).ok().get("instanceId").asLong();
            killServerWhen(() -> count("training-runs/" + run + "/steps", null) >= killAfter);
            restartCrashed(id);
            assertArrayEquals(expected, Files.readAllBytes(adapter(run)),
                    "trial " + trial + " (killed after " + killAfter + " steps): adapter differs from the uninterrupted run");
        }
    }

    /** The JVM halts (like SIGKILL) between the files of checkpoint 6: the half-written folder never counts. */
    @Test
    void haltDuringACheckpointWriteLosesNothing() throws Exception {
        JsonNode reference = Api.awaitFinished(Api.start("train", trainParams()));
        byte[] expected = Files.readAllBytes(adapter(reference.get("instanceId").asLong()));
        cli("/system-property=lightreasoner.fault.haltInCheckpoint:add(value=6)");
        long id;
        long run;
        try {
            ProcessHandle server = serverProcess();
            id = Api.start("train", trainParams());
            run = Api.get("executions/" + id).ok().get("instanceId").asLong();
            assertTrue(server.onExit().get(120, TimeUnit.SECONDS) != null);
        } finally {
            startAgain();
            cli("/system-property=lightreasoner.fault.haltInCheckpoint:remove");
        }
        Path folder = TinyPair.DATA_ROOT.resolve("runs/train-" + run);
        assertFalse(Files.exists(folder.resolve("checkpoint-6")), "the half-written checkpoint was published");
        assertTrue(Files.exists(folder.resolve("checkpoint-4/adapter_model.safetensors")));
        restartCrashed(id);
        assertArrayEquals(expected, Files.readAllBytes(adapter(run)));
        try (var files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".tmp")), "crash leftovers removed");
        }
    }

    /**
     * With a restart policy for CRASHED failures, the server restarts a crashed execution by itself after it
     * comes back, and audits both the crash and the restart; a policy never restarts a non-transient failure.
     */
    @Test
    void restartPolicyResumesACrashedExecutionByItself() {
        Api.Reply policy = Api.put("jobs/sample/restart-policy", Map.of("maxAttempts", 2, "backoffSeconds", 0));
        assertEquals(200, policy.status(), policy.body().toString());
        try {
            JsonNode reference = Api.awaitFinished(Api.start("sample", sampleParams()));
            String expected = Api.text("sampling-runs/" + reference.get("instanceId").asLong() + "/samples.jsonl");
            long id = Api.start("sample", sampleParams());
            long run = Api.get("executions/" + id).ok().get("instanceId").asLong();
            killServerWhen(() -> count("sampling-runs/" + run, "questionsDone") >= 2);
            JsonNode latest = null;
            for (int i = 0; i < 600; i++) {                   // the policy acts on the reconciler's next tick
                JsonNode executions = Api.get("jobs/sample/executions?limit=5").ok();
                for (JsonNode e : executions) {
                    if (e.get("instanceId").asLong() == run && e.get("executionId").asLong() != id) {
                        latest = e;
                    }
                }
                if (latest != null) {
                    break;
                }
                sleep(100);
            }
            assertTrue(latest != null, "no automatic restart of execution " + id);
            JsonNode done = Api.awaitFinished(latest.get("executionId").asLong());
            assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
            assertEquals(expected, Api.text("sampling-runs/" + run + "/samples.jsonl"));
            JsonNode audit = Api.get("audit?limit=50").ok();
            boolean crashedRow = false;
            boolean restartRow = false;
            for (JsonNode a : audit) {
                crashedRow |= a.get("action").asText().equals("mark-crashed") && a.get("target").asText().equals("execution " + id);
                restartRow |= a.get("action").asText().equals("auto-restart") && a.get("target").asText().equals("instance " + run)
                        && a.get("result").asText().contains("restarted execution " + id);
            }
            assertTrue(crashedRow && restartRow, "audit rows for the crash and the automatic restart: " + audit);

            // a failure that is not transient (bad input) is left alone
            JsonNode failed = Api.awaitFinished(Api.start("sample", with(sampleParams(), "failAtQuestion", 2)));
            assertEquals("FAILED", failed.get("batchStatus").asText());
            sleep(12_000);                                    // more than one reconciler tick
            assertEquals("FAILED", Api.get("executions/" + failed.get("executionId").asLong()).ok().get("batchStatus").asText());
            for (JsonNode e : Api.get("jobs/sample/executions?limit=3").ok()) {
                assertTrue(e.get("instanceId").asLong() != failed.get("instanceId").asLong()
                        || e.get("executionId").asLong() == failed.get("executionId").asLong(), "restarted a non-transient failure");
            }
        } finally {
            Api.delete("jobs/sample/restart-policy");
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    /** After the crash: shown FAILED with a CRASHED exit status, then restarted to COMPLETED. */
    private static long restartCrashed(long id) {
        JsonNode crashed = Api.get("executions/" + id).ok();
        for (int i = 0; i < 300 && !"FAILED".equals(crashed.get("batchStatus").asText()); i++) {
            sleep(100);                                      // the startup reconciliation normally did it already
            crashed = Api.get("executions/" + id).ok();
        }
        assertEquals("FAILED", crashed.get("batchStatus").asText(), crashed.toString());
        assertTrue(crashed.get("exitStatus").asText().startsWith("CRASHED: server"), crashed.toString());
        JsonNode done = Api.awaitFinished(Api.restart(id, Map.of()));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        return done.get("executionId").asLong();
    }

    /** A count from the API, 0 while the resource does not exist yet (the job has not opened its run). */
    private static long count(String path, String field) {
        Api.Reply r = Api.get(path);
        if (r.status() != 200) {
            return 0;
        }
        return field == null ? r.body().size() : r.body().get(field).asLong();
    }

    private static Path adapter(long run) {
        return TinyPair.DATA_ROOT.resolve("runs/train-" + run + "/adapter/adapter_model.safetensors");
    }

    private static void killServerWhen(LongSupplierCondition condition) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.met()) {
            assertTrue(System.currentTimeMillis() < deadline, "no progress to kill at");
            sleep(10);
        }
        ProcessHandle server = serverProcess();
        assertTrue(server.destroyForcibly(), "SIGKILL sent");
        server.onExit().join();
        startAgain();
    }

    @FunctionalInterface
    interface LongSupplierCondition {
        boolean met();
    }

    /** Arquillian still believes the dead server runs: its stop fails harmlessly, then it starts a new JVM. */
    private static void startAgain() {
        try {
            controller.stop(SERVER);
        } catch (RuntimeException alreadyDead) {
            // the process is gone; nothing to stop
        }
        controller.start(SERVER);
    }

    /** The WildFly JVM of this test suite (found by its own data directory on the command line). */
    private static ProcessHandle serverProcess() {
        String dataDir = System.getProperty("it.data.dir");
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                        .map(c -> c.contains("jboss-modules.jar") && c.contains(dataDir)).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no WildFly process with data dir " + dataDir));
    }

    private static void cli(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh").toString(), "-c",
                "--command=" + command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), command + ": " + out);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
