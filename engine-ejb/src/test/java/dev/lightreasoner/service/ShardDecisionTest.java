package dev.lightreasoner.service;

import static dev.lightreasoner.service.ShardDecision.DONE;
import static dev.lightreasoner.service.ShardDecision.FAIL;
import static dev.lightreasoner.service.ShardDecision.RECLAIM;
import static dev.lightreasoner.service.ShardDecision.RESEND;
import static dev.lightreasoner.service.ShardDecision.RETRY;
import static dev.lightreasoner.service.ShardDecision.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the parent does about a shard, for each state it can find it in. */
class ShardDecisionTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration RESEND_AFTER = Duration.ofSeconds(120);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(60);

    private static ShardDecision decide(String state, long secondsAgo, int attempts, String execution) {
        return ShardDecision.of(state, NOW.minusSeconds(secondsAgo), attempts, execution, NOW, RESEND_AFTER, CLAIM_TIMEOUT, 3);
    }

    @Test
    void aQueuedShardIsSentAgainOnlyAfterItWaitedLong() {
        assertEquals(WAIT, decide("QUEUED", 119, 0, null));
        assertEquals(RESEND, decide("QUEUED", 121, 0, null), "its message may sit in a dead node's journal");
    }

    @Test
    void aClaimThatNeverStartedIsQueuedAgainAfterTheLeaseTimeout() {
        assertEquals(WAIT, decide("CLAIMED", 59, 0, null));
        assertEquals(RECLAIM, decide("CLAIMED", 61, 0, null));
    }

    @Test
    void aRunningShardFollowsItsExecution() {
        for (String running : new String[] {"STARTING", "STARTED", "STOPPING"}) {
            assertEquals(WAIT, decide("RUNNING", 9999, 0, running), running);
        }
        assertEquals(DONE, decide("RUNNING", 0, 0, "COMPLETED"));
        assertEquals(RETRY, decide("RUNNING", 0, 0, "FAILED"), "e.g. marked CRASHED by the reconciler");
        assertEquals(ShardDecision.REQUEUE, decide("RUNNING", 0, 2, "STOPPED"), "a graceful shutdown is not a failure");
        assertEquals(RETRY, decide("RUNNING", 0, 1, "ABANDONED"));
        assertEquals(FAIL, decide("RUNNING", 0, 2, "FAILED"), "the third failure of three attempts");
        assertEquals(RETRY, decide("RUNNING", 0, 0, null), "an execution the repository lost");
    }

    @Test
    void doneAndFailedShardsAreFinal() {
        assertEquals(WAIT, decide("DONE", 9999, 0, "FAILED"), "done stays done");
        assertEquals(FAIL, decide("FAILED", 0, 0, null));
    }
}
