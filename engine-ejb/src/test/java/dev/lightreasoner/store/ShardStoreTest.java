package dev.lightreasoner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shard claims on H2 with the migrated schema: one winner per epoch, stale messages lose, a plan is made once. */
class ShardStoreTest {
    private StoreDatabase db;
    private final ShardStore shards = new ShardStore();
    private final SampleStore samples = new SampleStore();

    @BeforeEach
    void database() throws Exception {
        db = new StoreDatabase();
        shards.em = db.em();
        samples.em = db.em();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<JobShard> plan(long run, long... firsts) {
        List<JobShard> planned = new java.util.ArrayList<>();
        for (int i = 0; i < firsts.length; i++) {
            planned.add(new JobShard(run, i, "sample", firsts[i], 10, java.util.Map.of("from", Long.toString(firsts[i]))));
        }
        @SuppressWarnings("unchecked")
        List<JobShard>[] out = new List[1];
        db.inTransaction(em -> out[0] = shards.plan(run, planned));
        return out[0];
    }

    private boolean claim(long id, int epoch, String owner) {
        boolean[] won = new boolean[1];
        db.inTransaction(em -> won[0] = shards.claim(id, epoch, owner));
        return won[0];
    }

    @Test
    void aPlanIsMadeOnceAndKeptForARestartedParent() {
        List<JobShard> first = plan(7, 0, 10, 20);
        assertEquals(3, first.size());
        assertEquals(List.of(0L, 10L, 20L), first.stream().map(JobShard::getFirstItem).toList());
        List<JobShard> again = plan(7, 0, 5);
        assertEquals(first.stream().map(JobShard::getId).toList(), again.stream().map(JobShard::getId).toList(),
                "the existing plan, not a new one");
        assertEquals(java.util.Map.of("from", "10"), shards.plannedParameters("sample", 7, 10, 10));
        assertNull(shards.plannedParameters("sample", 7, 10, 9), "another range");
        assertNull(shards.plannedParameters("evaluate", 7, 10, 10), "another job");
        assertNull(shards.plannedParameters("sample", 8, 10, 10), "another run");
    }

    @Test
    void oneNodeWinsAClaimAndStaleOrDuplicateMessagesLose() {
        JobShard s = plan(7, 0).get(0);
        assertTrue(claim(s.getId(), 0, "node1/a"));
        assertFalse(claim(s.getId(), 0, "node2/b"), "a duplicate message of the same epoch");
        boolean[] started = new boolean[2];
        db.inTransaction(em -> started[0] = shards.running(s.getId(), 0, 41));
        assertTrue(started[0]);
        JobShard running = shards.find(s.getId());
        assertEquals(JobShard.RUNNING, running.getState());
        assertEquals("node1/a", running.getOwner());
        assertEquals(41L, running.getExecutionId());

        boolean[] requeued = new boolean[2];
        db.inTransaction(em -> requeued[0] = shards.requeue(s.getId(), 0, JobShard.RUNNING, true, "execution 41 ended FAILED"));
        db.inTransaction(em -> requeued[1] = shards.requeue(s.getId(), 0, JobShard.RUNNING, true, "the same failure seen twice"));
        assertTrue(requeued[0]);
        assertFalse(requeued[1], "only once per epoch");
        JobShard queued = shards.find(s.getId());
        assertEquals(JobShard.QUEUED, queued.getState());
        assertEquals(1, queued.getEpoch());
        assertEquals(1, queued.getAttempts());
        assertNull(queued.getOwner());
        assertEquals(41L, queued.getExecutionId(), "the next attempt restarts that execution");

        assertFalse(claim(s.getId(), 0, "node1/a"), "the old epoch's message (kept by a node that died) is stale");
        assertTrue(claim(s.getId(), 1, "node3/c"));
        // the parent gives up a claim it believes never started, just as the node starts it: the node learns it lost
        db.inTransaction(em -> requeued[0] = shards.requeue(s.getId(), 1, JobShard.CLAIMED, false, "never started"));
        db.inTransaction(em -> started[1] = shards.running(s.getId(), 1, 43));
        assertTrue(requeued[0]);
        assertFalse(started[1], "a start after the claim was given up must stop its execution");
        assertFalse(claim(s.getId(), 1, "node3/c"));
        assertTrue(claim(s.getId(), 2, "node3/c"));
        db.inTransaction(em -> shards.running(s.getId(), 2, 42));
        db.inTransaction(em -> shards.done(s.getId(), 1));
        assertEquals(JobShard.RUNNING, shards.find(s.getId()).getState(), "done only at the running epoch");
        boolean[] anew = new boolean[1];
        db.inTransaction(em -> anew[0] = shards.retryAnew(s.getId(), 2));
        assertTrue(anew[0], "a restarted run gives it new attempts");
        assertEquals(0, shards.find(s.getId()).getAttempts());
        assertEquals(3, shards.find(s.getId()).getEpoch());
        assertTrue(claim(s.getId(), 3, "node2/b"));
        db.inTransaction(em -> shards.running(s.getId(), 3, 44));
        db.inTransaction(em -> shards.done(s.getId(), 3));
        assertEquals(JobShard.DONE, shards.find(s.getId()).getState());
    }

    @Test
    void itemsDoneCountsTheRunsRowsInTheShardsRange() {
        List<JobShard> both = plan(7, 10, 20);
        db.inTransaction(em -> {
            for (long q : new long[] {9, 10, 15, 19, 20}) {
                samples.replaceQuestion(new SampledQuestion(7, q, new int[] {1}, new int[] {2}, 1, 0, 0,
                        new long[SamplingRun.HISTOGRAM_BINS], 1), List.of());
            }
            samples.replaceQuestion(new SampledQuestion(8, 12, new int[] {1}, new int[] {2}, 1, 0, 0,
                    new long[SamplingRun.HISTOGRAM_BINS], 1), List.of());
        });
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {3, 1}, shards.itemsDone(both),
                "10, 15 and 19 of run 7 in [10, 20); 20 in [20, 30)");
    }
}
