package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules: a schedule fires and starts its job, its persistent timer survives a server restart, a firing is
 * skipped while the previous run is still active, and pause/delete stop it.
 */
class ScheduleIT extends DeployedApp {

    private static JsonNode awaitSchedule(long id, java.util.function.Predicate<JsonNode> condition, String what) {
        for (int i = 0; i < 600; i++) {
            JsonNode s = Api.get("schedules/" + id).ok();
            if (condition.test(s)) {
                return s;
            }
            sleep(100);
        }
        throw new AssertionError("schedule " + id + ": " + what + " did not happen: " + Api.get("schedules/" + id).body());
    }

    @Test
    void firesSurvivesARestartAndSkipsWhileItsRunIsActive() {
        Api.Reply created = Api.post("schedules", Map.of("job", "prepare", "cron", "*/4 * * * * *",
                "parameters", Map.of("dataset", "scheduled-" + System.currentTimeMillis(), "limit", 3)));
        assertEquals(201, created.status(), created.body().toString());
        long id = created.body().get("id").asLong();
        try {
            JsonNode fired = awaitSchedule(id, s -> s.path("lastExecutionId").asLong() > 0, "a first firing");
            long first = fired.get("lastExecutionId").asLong();
            assertEquals("prepare", Api.awaitFinished(first).get("job").asText());

            restartServer();
            JsonNode afterRestart = awaitSchedule(id, s -> s.path("lastExecutionId").asLong() > first
                    && s.path("lastResult").asText().startsWith("started"), "a firing after the restart");
            assertEquals("COMPLETED", Api.awaitFinished(afterRestart.get("lastExecutionId").asLong()).get("batchStatus").asText());

            // the next firing is on the 4-s grid of the cron, within 4 s from now
            java.time.Instant next = java.time.Instant.parse(Api.get("schedules/" + id).ok().get("nextFireAt").asText());
            java.time.Duration ahead = java.time.Duration.between(java.time.Instant.now(), next);
            assertTrue(ahead.toMillis() > -1000 && ahead.toMillis() <= 4000 && next.getEpochSecond() % 4 == 0,
                    "next firing " + next + ", " + ahead.toMillis() + " ms ahead");

            Api.post("schedules/" + id + "/pause", Map.of());
            JsonNode paused = Api.get("schedules/" + id).ok().path("nextFireAt");
            assertTrue(paused.isMissingNode() || paused.isNull(), "a paused schedule has no next firing: " + paused);
            long pausedAt = Api.get("schedules/" + id).ok().get("lastExecutionId").asLong();
            sleep(9000);
            assertEquals(pausedAt, Api.get("schedules/" + id).ok().get("lastExecutionId").asLong(), "a paused schedule fired");
        } finally {
            Api.delete("schedules/" + id);
        }
        assertEquals(404, Api.get("schedules/" + id).status());
    }

    @Test
    void aFiringIsSkippedWhileThePreviousRunIsActive() {
        Api.Reply created = Api.post("schedules", Map.of("job", "sample", "cron", "*/2 * * * * *",
                "parameters", Map.of("dataset", TinyPair.dataset(), "expert", TinyPair.EXPERT, "amateur", TinyPair.AMATEUR,
                        "maxNewTokens", 200, "limit", 12, "batchSize", 1, "beta", 1.5)));
        assertEquals(201, created.status(), created.body().toString());
        long id = created.body().get("id").asLong();
        try {
            JsonNode skipped = awaitSchedule(id, s -> s.path("lastResult").asText().startsWith("skipped"), "a skip");
            long running = skipped.get("lastExecutionId").asLong();
            assertTrue(skipped.get("lastResult").asText().contains("execution " + running + " is still"), skipped.toString());
            boolean audited = false;
            for (JsonNode a : Api.get("audit?action=schedule-skip&limit=5").ok()) {
                audited |= a.get("target").asText().equals("schedule " + id);
            }
            assertTrue(audited, "the skip is audited");
            Api.delete("schedules/" + id);
            Api.post("executions/" + running + "/stop", Map.of());
            Api.awaitFinished(running);
        } finally {
            Api.delete("schedules/" + id);
        }
    }

    @Test
    void badSchedulesAreRefused() {
        assertEquals("cron", Api.post("schedules", Map.of("job", "prepare", "cron", "every day")).body().get("parameter").asText());
        assertEquals("job", Api.post("schedules", Map.of("job", "nope", "cron", "0 0 * * *")).body().get("parameter").asText());
        assertEquals("limit", Api.post("schedules", Map.of("job", "prepare", "cron", "0 0 * * *",
                "parameters", Map.of("limit", -1))).body().get("parameter").asText());
        assertEquals("timezone", Api.post("schedules", Map.of("job", "prepare", "cron", "0 0 * * *",
                "timezone", "Mars/Olympus")).body().get("parameter").asText());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
