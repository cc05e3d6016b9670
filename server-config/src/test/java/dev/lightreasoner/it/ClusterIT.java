package dev.lightreasoner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three servers on one PostgreSQL and one data home ({@code server-config/bin/cluster.sh up 3}): sharded sample and
 * evaluate runs spread over the nodes through the servers' clustered messaging, give exactly what one execution gives,
 * and survive a node killed with SIGKILL while its shard runs. PostgreSQL run only (a cluster needs a shared database).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int NODES = 3;
    private static final int QUESTIONS = 60;
    private static final int SHARDS = 6;
    /** the cluster's own database: the single-server tests' server may still run on theirs */
    private static final String DATABASE = "lightreasoner_cluster";
    private static Cluster cluster;
    private static String dataset;
    private static String synthetic;
    private static String reference;
    private static final Map<String, Long> SECONDS = new TreeMap<>();

    @BeforeAll
    static void up() {
        assumeTrue("postgresql".equals(System.getProperty("lightreasoner.db")), "a cluster shares a PostgreSQL database");
        long t0 = System.nanoTime();
        freshDatabase(DATABASE);
        // a lease timeout and a resend delay short enough for a test; production keeps 60 s and 120 s
        cluster = Cluster.up(NODES, Path.of(System.getProperty("it.data.dir"), "cluster"), Map.of(
                "LIGHTREASONER_PG_DB", DATABASE,
                "LIGHTREASONER_CLUSTER_JAVA_OPTS", "-Dlightreasoner.lease.timeout.seconds=10"
                        + " -Dlightreasoner.shards.resend.seconds=15"));
        SECONDS.put("0 cluster up", seconds(t0));
        synthetic = "datasets/cluster-lab";
        on(1, () -> {
            JsonNode synth = Api.awaitFinished(Api.start("synthesize", Map.of("folder", synthetic, "seed", 1,
                    "train", 200, "validation", 10, "test", 40)));
            assertEquals("COMPLETED", synth.get("batchStatus").asText(), synth.toString());
            dataset = "cluster-lab";
            JsonNode prepared = Api.awaitFinished(Api.start("prepare", Map.of("dataset", dataset,
                    "file", synthetic + "/train.jsonl", "limit", QUESTIONS)));
            assertEquals("COMPLETED", prepared.get("batchStatus").asText(), prepared.toString());
            return null;
        });
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.down();
            System.out.println("ClusterIT seconds: " + SECONDS);
        }
    }

    private static <T> T on(int node, Supplier<T> calls) {
        return Api.at(cluster.baseUrl(node), calls);
    }

    private static long seconds(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    private static Map<String, Object> sampling(Object... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("dataset", dataset, "expert", "models/lab-expert",
                "amateur", "models/lab-amateur", "limit", QUESTIONS, "batchSize", 2, "maxNewTokens", 96));
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return p;
    }

    /** Waits (up to six minutes) for an execution on node 1 to finish. */
    private static JsonNode finished(long id) {
        return on(1, () -> {
            JsonNode e = Api.awaitFinished(id);
            for (int i = 0; i < 2 && running(e); i++) {
                e = Api.awaitFinished(id);
            }
            return e;
        });
    }

    private static boolean running(JsonNode e) {
        return e.get("batchStatus").asText().startsWith("START") || e.get("batchStatus").asText().equals("STOPPING");
    }

    /** Executions (any node's) that ran a shard of this run. */
    private static long shardExecutions(JsonNode parent) {
        String run = parent.get("instanceId").asText();
        JsonNode all = on(1, () -> Api.get("jobs/" + parent.get("job").asText() + "/executions?limit=200").ok());
        long n = 0;
        for (JsonNode e : all) {
            n += run.equals(e.get("parameters").path("shardOf").asText()) ? 1 : 0;
        }
        return n;
    }

    private static String export(JsonNode execution) {
        return on(1, () -> Api.text("sampling-runs/" + execution.get("instanceId").asLong() + "/samples.jsonl"));
    }

    @Test
    @Order(1)
    void shardedSamplingSpreadsOverEveryNodeAndGivesTheBytesOfOneExecution() {
        long t0 = System.nanoTime();
        JsonNode single = finished(on(1, () -> Api.start("sample", sampling())));
        assertEquals("COMPLETED", single.get("batchStatus").asText(), single.toString());
        reference = export(single);
        SECONDS.put("1 sample, one execution", seconds(t0));

        t0 = System.nanoTime();
        JsonNode sharded = finished(on(1, () -> Api.start("sample", sampling("shards", SHARDS))));
        SECONDS.put("2 sample, " + SHARDS + " shards", seconds(t0));
        assertEquals("COMPLETED", sharded.get("batchStatus").asText(), sharded.toString());
        assertEquals(reference, export(sharded), "the sharded run's samples, byte for byte");
        Map<String, Integer> byNode = new TreeMap<>();
        for (JsonNode s : sharded.get("shards")) {
            assertEquals("DONE", s.get("state").asText(), s.toString());
            assertEquals(s.get("count").asLong(), s.get("itemsDone").asLong(), s.toString());
            byNode.merge(s.get("node").asText(), 1, Integer::sum);
        }
        System.out.println("ClusterIT shards per node: " + byNode);
        assertEquals(SHARDS, shardExecutions(sharded), "one execution per shard, none run twice");
        assertEquals(SHARDS, sharded.get("shards").size());
        assertEquals(Set.of("node1", "node2", "node3"), byNode.keySet(), "every node ran a shard: " + byNode);
    }

    @Test
    @Order(2)
    void aNodeKilledWhileItsShardRunsLosesNothing() {
        assumeTrue(reference != null, "needs the reference of the first test");
        long t0 = System.nanoTime();
        long id = on(1, () -> Api.start("sample", sampling("shards", SHARDS)));
        // wait for a shard on node 2 or 3 that has committed part of its questions, then SIGKILL its node
        JsonNode victim = null;
        long deadline = System.currentTimeMillis() + 300_000;
        while (victim == null) {
            assertTrue(System.currentTimeMillis() < deadline, "no shard caught running on node 2 or 3");
            JsonNode parent = on(1, () -> Api.get("executions/" + id).ok());
            assertTrue(parent.get("batchStatus").asText().startsWith("START"), "the run ended first: " + parent);
            for (JsonNode s : parent.path("shards")) {
                String node = s.path("node").asText();
                long done = s.get("itemsDone").asLong();
                if ("RUNNING".equals(s.get("state").asText()) && (node.equals("node2") || node.equals("node3"))
                        && done >= 1 && done < s.get("count").asLong()) {
                    victim = s;
                    break;
                }
            }
            sleep(20);
        }
        int node = Integer.parseInt(victim.get("node").asText().substring("node".length()));
        cluster.kill(node);
        long crashed = victim.get("executionId").asLong();
        int shard = victim.get("shard").asInt();

        JsonNode done = finished(id);
        SECONDS.put("3 sample, " + SHARDS + " shards, node " + node + " killed", seconds(t0));
        assertEquals("COMPLETED", done.get("batchStatus").asText(), done.toString());
        assertEquals(reference, export(done), "nothing lost or duplicated by the crash");
        JsonNode moved = done.get("shards").get(shard);
        assertEquals("DONE", moved.get("state").asText(), moved.toString());
        assertNotEquals("node" + node, moved.get("node").asText(), "it finished on a live node: " + moved);
        assertTrue(moved.get("attempts").asInt() >= 1, moved.toString());
        JsonNode dead = on(1, () -> Api.get("executions/" + crashed).ok());
        assertEquals("FAILED", dead.get("batchStatus").asText(), dead.toString());
        assertTrue(dead.get("exitStatus").asText().startsWith("CRASHED: server node" + node), dead.toString());
        JsonNode successor = on(1, () -> Api.get("executions/" + moved.get("executionId").asLong()).ok());
        assertEquals("COMPLETED", successor.get("batchStatus").asText(), successor.toString());
        assertTrue(successor.get("executionId").asLong() > crashed, "the history shows the crashed execution, then its successor");
        assertEquals(dead.get("instanceId").asLong(), successor.get("instanceId").asLong(),
                "restarted from its checkpoint (the same job instance): " + successor);
        assertTrue(!cluster.alive(node), "node " + node + " stays dead");
        assertEquals(SHARDS + 1, shardExecutions(done), "one execution per shard and the crashed one's successor");
    }

    @Test
    @Order(3)
    void shardedEvaluationGradesWhatOneExecutionGrades() {
        long t0 = System.nanoTime();
        Map<String, Object> p = new HashMap<>(Map.of("model", "models/lab-expert", "file", synthetic + "/test.jsonl",
                "benchmark", "synthetic", "limit", 24, "batchSize", 4, "maxNewTokens", 96));
        JsonNode single = finished(on(1, () -> Api.start("evaluate", p)));
        p.put("shards", 3);
        JsonNode sharded = finished(on(1, () -> Api.start("evaluate", p)));
        SECONDS.put("4 evaluate, one execution + 3 shards", seconds(t0));
        assertEquals("COMPLETED", single.get("batchStatus").asText(), single.toString());
        assertEquals("COMPLETED", sharded.get("batchStatus").asText(), sharded.toString());
        Set<String> nodes = new TreeSet<>();
        sharded.get("shards").forEach(s -> nodes.add(s.get("node").asText()));
        System.out.println("ClusterIT evaluation shards ran on " + nodes);
        JsonNode a = on(1, () -> Api.get("evaluation-runs/" + single.get("instanceId").asLong()).ok());
        JsonNode b = on(1, () -> Api.get("evaluation-runs/" + sharded.get("instanceId").asLong()).ok());
        assertEquals(24, b.get("items").asLong(), b.toString());
        assertEquals(a.get("correct"), b.get("correct"));
        assertEquals(on(1, () -> Api.get("evaluation-runs/" + single.get("instanceId").asLong() + "/items?limit=100").ok()),
                on(1, () -> Api.get("evaluation-runs/" + sharded.get("instanceId").asLong() + "/items?limit=100").ok()));
    }

    /** An empty database for the cluster (postgresql-setup.sh --fresh: the role exists, the database is made anew). */
    private static void freshDatabase(String name) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", Path.of(System.getProperty("basedir", ""))
                    .resolve("bin/postgresql-setup.sh").toString(), "--fresh").redirectErrorStream(true);
            pb.environment().put("LIGHTREASONER_PG_DB", name);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "postgresql-setup.sh --fresh: " + output);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
