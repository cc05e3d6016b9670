package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prepare job on a real WildFly with the file-based H2 job repository, driven over HTTP. */
class PrepareJobIT extends DeployedApp {

    private static final String FIRST_QUESTION = "Natalia sold clips to 48 of her friends in April, and then she sold "
            + "half as many clips in May. How many clips did Natalia sell altogether in April and May?";

    /** A dataset name no earlier run (the repository survives non-clean builds) has used. */
    private static String freshDataset(String prefix) {
        return prefix + "-" + System.currentTimeMillis();
    }

    @Test
    void preparesTheShippedGsm8kWithCountsMatchingRecordsAndChunks() {
        String dataset = freshDataset("gsm8k-head");
        long id = Api.start("prepare", Map.of("dataset", dataset, "limit", 23, "chunkSize", 5));
        JsonNode done = Api.awaitFinished(id);

        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        assertEquals(23, Api.metric(done, "READ_COUNT"));
        assertEquals(23, Api.metric(done, "WRITE_COUNT"));
        assertEquals(0, Api.metric(done, "READ_SKIP_COUNT"));
        assertEquals(5, Api.metric(done, "COMMIT_COUNT"), "23 records in chunks of 5: 5+5+5+5+3");
        assertEquals(0, Api.metric(done, "ROLLBACK_COUNT"));
        assertEquals("COMPLETED resumedAtLine=0 read=23 written=23 skipped=0", done.get("exitStatus").asText());
        // the service fills in every default, so the stored parameters are the effective ones
        assertEquals("datasets/gsm8k/train.jsonl", done.get("parameters").get("file").asText());

        assertEquals(23, Api.get("datasets").ok().get(dataset).asLong());
        JsonNode first = Api.get("datasets/" + dataset + "/questions?limit=1").ok().get(0);
        assertEquals(0, first.get("index").asLong());
        assertEquals(FIRST_QUESTION, first.get("question").asText());
        assertEquals("72", first.get("goldAnswer").asText());
        assertEquals("<|im_start|>system\nPlease reason step by step.<|im_end|>\n<|im_start|>user\n" + FIRST_QUESTION
                + "<|im_end|>\n<|im_start|>assistant\n", first.get("prompt").asText());
    }

    @Test
    void injectedFailureFailsTheExecutionAndRestartResumesFromTheLastCheckpoint() {
        String dataset = freshDataset("restart");
        long failed = Api.start("prepare", Map.of("dataset", dataset, "limit", 23, "chunkSize", 5, "failAtItem", 12));
        JsonNode first = Api.awaitFinished(failed);
        assertEquals("FAILED", first.get("batchStatus").asText(), first.toString());
        assertTrue(first.get("exitStatus").asText().contains("injected failure at item 12"), first.toString());
        // chunks [0-4] and [5-9] committed, [10-14] rolled back
        assertEquals(10, Api.metric(first, "WRITE_COUNT"));
        assertEquals(2, Api.metric(first, "COMMIT_COUNT"));
        assertEquals(10, Api.get("datasets").ok().get(dataset).asLong());

        long restarted = Api.restart(failed, Map.of("failAtItem", -1));
        JsonNode second = Api.awaitFinished(restarted);
        assertEquals("COMPLETED", second.get("batchStatus").asText(), second.toString());
        assertEquals(first.get("instanceId").asLong(), second.get("instanceId").asLong());
        assertEquals("COMPLETED resumedAtLine=10 read=13 written=13 skipped=0", second.get("exitStatus").asText());
        assertEquals(13, Api.metric(second, "READ_COUNT"));
        assertEquals(13, Api.metric(second, "WRITE_COUNT"));

        // every record exactly once, and no committed record was written again by the restart
        JsonNode rows = Api.get("datasets/" + dataset + "/questions?limit=100").ok();
        assertEquals(23, rows.size());
        for (JsonNode row : rows) {
            long index = row.get("index").asLong();
            assertEquals(index < 10 ? failed : restarted, row.get("executionId").asLong(), row.toString());
        }
    }

    @Test
    void badRecordsAreSkippedAndRecordedWithTheirReason() throws IOException {
        String file = writeDataFile("some-bad.jsonl", List.of(
                "{\"question\": \"What is 1+1?\", \"answer\": \"1+1=2\\n#### 2\"}",
                "{\"question\": \"broken",
                "{\"question\": \"What is 2+2?\", \"answer\": \"#### 4\"}",
                "",
                "{\"question\": \"What is 3+3?\"}",
                "{\"question\": \"What is 4+4?\", \"answer\": \"#### 8\"}"));
        String dataset = freshDataset("some-bad");
        long id = Api.start("prepare", Map.of("dataset", dataset, "file", file, "skipLimit", 2));
        JsonNode done = Api.awaitFinished(id);

        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        assertEquals(3, Api.metric(done, "WRITE_COUNT"));
        assertEquals(2, Api.metric(done, "READ_SKIP_COUNT"));
        JsonNode skipped = Api.get("executions/" + id + "/skipped").ok();
        assertEquals(2, skipped.size());
        assertEquals(2, skipped.get(0).get("lineNumber").asLong());
        assertTrue(skipped.get(0).get("reason").asText().startsWith("malformed JSON"), skipped.toString());
        assertEquals(5, skipped.get(1).get("lineNumber").asLong());
        assertEquals("missing field 'answer'", skipped.get(1).get("reason").asText());
        // indices are line positions: stable whatever was skipped
        JsonNode rows = Api.get("datasets/" + dataset + "/questions").ok();
        assertEquals(List.of(0L, 2L, 5L), List.of(rows.get(0).get("index").asLong(), rows.get(1).get("index").asLong(),
                rows.get(2).get("index").asLong()));
    }

    @Test
    void aMalformedFileBeyondTheSkipLimitFailsWithAClearMessage() throws IOException {
        String file = writeDataFile("not-gsm8k.jsonl", List.of("a,b,c", "1,2,3", "4,5,6", "7,8,9"));
        long id = Api.start("prepare", Map.of("dataset", freshDataset("csv"), "file", file, "skipLimit", 2));
        JsonNode done = Api.awaitFinished(id);
        assertEquals("FAILED", done.get("batchStatus").asText(), done.toString());
        String exit = done.get("exitStatus").asText();
        assertTrue(exit.startsWith("FAILED too many bad records (skip limit 2 exceeded), last: line 3: malformed JSON"),
                exit);
    }

    @Test
    void invalidParametersAreRefusedBeforeAnythingStarts() {
        assertRejected(400, "chunkSize", Api.post("jobs/prepare/executions", Map.of("chunkSize", 0)));
        assertRejected(400, "file", Api.post("jobs/prepare/executions", Map.of("file", "../../../../etc/passwd")));
        assertRejected(400, "file", Api.post("jobs/prepare/executions", Map.of("file", "datasets/missing.jsonl")));
        assertRejected(400, "dataset", Api.post("jobs/prepare/executions", Map.of("dataset", "a/b")));
        assertRejected(400, "limitt", Api.post("jobs/prepare/executions", Map.of("limitt", 5)));
        assertRejected(404, "job", Api.post("jobs/no-such-job/executions", Map.of()));
        assertRejected(404, "executionId", Api.get("executions/987654321"));
    }

    @Test
    void aCompletedExecutionCannotBeRestartedNorStopped() {
        long id = Api.start("prepare", Map.of("dataset", freshDataset("done"), "limit", 3));
        assertEquals("COMPLETED", Api.awaitFinished(id).get("batchStatus").asText());
        assertRejected(409, "executionId", Api.post("executions/" + id + "/restart", Map.of()));
        assertRejected(409, "executionId", Api.post("executions/" + id + "/stop", Map.of()));
    }

    private static void assertRejected(int status, String parameter, Api.Reply reply) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(parameter, reply.body().get("parameter").asText(), reply.body().toString());
        assertTrue(reply.body().get("error").asText().length() > 10, reply.body().toString());
    }

    /** Writes a dataset file under the server's data root and returns its path relative to the root. */
    private static String writeDataFile(String name, List<String> lines) throws IOException {
        Path dir = Path.of(System.getProperty("it.data.dir"), "lightreasoner", "it");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), lines);
        return "it/" + name;
    }
}
