package dev.lightreasoner.service;

import dev.lightreasoner.engine.Progress;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A job execution as the API shows it; {@code progress} (null for batchlet jobs) says how far the job
 * instance has come and, for a failed or stopped execution, where a restart resumes; {@code queuedBehind}: the
 * training this one waits for (the server's one training slot), null when it is not queued; {@code shards}: a sharded
 * run's shards, null for any other execution.
 */
public record ExecutionView(long executionId, long instanceId, String job, String batchStatus, String exitStatus,
                            Date createTime, Date startTime, Date endTime, Date lastUpdatedTime,
                            Map<String, String> parameters, List<StepView> steps, Progress progress, Long queuedBehind,
                            List<ShardView> shards) {

    /**
     * One shard of a sharded run: its items [first, first + count), how many of them the run holds, its state
     * (QUEUED, CLAIMED, RUNNING, DONE, FAILED), the node of its latest attempt and that attempt's execution.
     */
    public record ShardView(int shard, long first, long count, long itemsDone, String state, String node,
                            Long executionId, int attempts, String message) {
    }

    /** One step execution with its JSR-352 metrics (READ_COUNT, WRITE_COUNT, COMMIT_COUNT, ...). */
    public record StepView(long stepExecutionId, String name, String batchStatus, String exitStatus,
                           Date startTime, Date endTime, Map<String, Long> metrics) {
    }

    /**
     * Ended, with its job listeners done: JBeret shows the final batch status before the afterJob listeners run
     * (one of them writes the failure cause into the exit status) and sets the end time after them.
     */
    public boolean finished() {
        boolean terminal = !("STARTING".equals(batchStatus) || "STARTED".equals(batchStatus)
                || "STOPPING".equals(batchStatus));
        return terminal && (endTime != null || "ABANDONED".equals(batchStatus));
    }
}
