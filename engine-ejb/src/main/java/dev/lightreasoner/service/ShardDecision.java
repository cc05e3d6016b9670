package dev.lightreasoner.service;

import dev.lightreasoner.store.JobShard;
import java.time.Duration;
import java.time.Instant;

/**
 * What the parent of a sharded run does next about one shard, from the shard's row and its execution's status in the
 * job repository. Pure: the parent's loop ({@code ShardCoordinator}) acts on it.
 */
public enum ShardDecision {
    /** Nothing to do: it waits for a node or runs. */
    WAIT,
    /** Its execution completed. */
    DONE,
    /** Still queued after {@code resendAfter}: send its message again at the same epoch (the first one may sit in a
     * dead node's journal; whichever copy a node takes first claims it, the others are only acknowledged). */
    RESEND,
    /** Claimed by a node that never started it (it died between claim and start): queue it again, not an attempt. */
    RECLAIM,
    /** Its execution failed or was stopped (a crashed node's execution is marked FAILED by the reconciler): another
     * attempt restarts it from its checkpoint on any node. */
    RETRY,
    /** Its execution was stopped (e.g. its server shut down gracefully): queued again, not counted as an attempt. */
    REQUEUE,
    /** Failed on its last attempt, or could not be started at all: the parent fails. */
    FAIL;

    /** How long a shard may stay queued before its message is sent again ({@code lightreasoner.shards.resend.seconds}). */
    public static Duration resendAfter() {
        return Duration.ofSeconds(Long.getLong("lightreasoner.shards.resend.seconds", 120));
    }

    /** Attempts of a shard before its run fails ({@code lightreasoner.shards.attempts}). */
    public static int maxAttempts() {
        return Integer.getInteger("lightreasoner.shards.attempts", 3);
    }

    /**
     * @param executionStatus the batch status of the shard's latest execution (null when it has none yet or the
     *                        repository has no such row)
     */
    public static ShardDecision of(JobShard s, String executionStatus, Instant now, Duration resendAfter,
                                   Duration claimTimeout, int maxAttempts) {
        return of(s.getState(), s.getUpdatedAt(), s.getAttempts(), executionStatus, now, resendAfter, claimTimeout,
                maxAttempts);
    }

    /** @param attempts failed attempts so far */
    static ShardDecision of(String state, Instant updatedAt, int attempts, String executionStatus, Instant now,
                            Duration resendAfter, Duration claimTimeout, int maxAttempts) {
        switch (state) {
            case JobShard.DONE:
                return WAIT;
            case JobShard.FAILED:
                return FAIL;
            case JobShard.QUEUED:
                return updatedAt.plus(resendAfter).isBefore(now) ? RESEND : WAIT;
            case JobShard.CLAIMED:
                return updatedAt.plus(claimTimeout).isBefore(now) ? RECLAIM : WAIT;
            default:                                            // RUNNING
                if (executionStatus == null) {
                    return attempts + 1 >= maxAttempts ? FAIL : RETRY;
                }
                return switch (executionStatus) {
                    case "COMPLETED" -> DONE;
                    case "STARTING", "STARTED", "STOPPING" -> WAIT;
                    case "STOPPED" -> REQUEUE;
                    default -> attempts + 1 >= maxAttempts ? FAIL : RETRY;
                };
        }
    }
}
