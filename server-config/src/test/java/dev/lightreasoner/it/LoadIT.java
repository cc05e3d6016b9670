package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Load: 20 job starts at once while 4 clients poll the API like open consoles. No execution is lost or
 * duplicated (20 distinct executions, each COMPLETED with its own dataset fully written), and the API's
 * latency percentiles are printed (a measurement, not an assertion; see BENCHMARKS.md).
 */
class LoadIT extends DeployedApp {
    private static final int STARTS = 20;
    private static final int POLLERS = 4;

    @Test
    void twentyConcurrentStartsWithPollingLoseNothing() throws Exception {
        String prefix = "load-" + System.currentTimeMillis() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(STARTS + POLLERS);
        List<Long> startMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> pollMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean polling = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            String dataset = prefix + i;
            starts.add(pool.submit(() -> {
                go.await();
                long t0 = System.nanoTime();
                long id = Api.start("prepare", Map.of("dataset", dataset, "limit", 5 + dataset.length() % 3, "chunkSize", 2));
                startMillis.add((System.nanoTime() - t0) / 1_000_000);
                return id;
            }));
        }
        for (int p = 0; p < POLLERS; p++) {
            pool.submit(() -> {
                go.await();
                while (polling.get()) {
                    long t0 = System.nanoTime();
                    assertEquals(200, Api.get("jobs/prepare/executions?limit=50").status());
                    Api.get("datasets");
                    pollMillis.add((System.nanoTime() - t0) / 1_000_000);
                }
                return null;
            });
        }
        go.countDown();
        Set<Long> ids = new HashSet<>();
        for (Future<Long> f : starts) {
            ids.add(f.get());
        }
        assertEquals(STARTS, ids.size(), "every start got its own execution");
        for (long id : ids) {
            JsonNode done = Api.awaitFinished(id);
            assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        }
        polling.set(false);
        pool.shutdown();
        JsonNode datasets = Api.get("datasets").ok();
        for (int i = 0; i < STARTS; i++) {
            String dataset = prefix + i;
            assertEquals(5 + dataset.length() % 3, datasets.get(dataset).asLong(), dataset);
        }
        int listed = 0;
        for (JsonNode e : Api.get("jobs/prepare/executions?limit=200").ok()) {
            listed += ids.contains(e.get("executionId").asLong()) ? 1 : 0;
        }
        assertEquals(STARTS, listed, "each execution listed exactly once");
        assertTrue(pollMillis.size() > 0);
        System.out.printf("LOAD %d concurrent starts: start p50 %d ms, p99 %d ms, max %d ms; %d polls (2 GETs each)"
                        + " during the run: p50 %d ms, p99 %d ms, max %d ms%n", STARTS, pct(startMillis, 50), pct(startMillis, 99),
                pct(startMillis, 100), pollMillis.size(), pct(pollMillis, 50), pct(pollMillis, 99), pct(pollMillis, 100));
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
