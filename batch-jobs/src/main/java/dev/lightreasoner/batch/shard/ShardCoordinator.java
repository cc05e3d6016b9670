package dev.lightreasoner.batch.shard;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.ShardedParameters;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.service.ServerIdentity;
import dev.lightreasoner.service.ShardDecision;
import dev.lightreasoner.service.ShardQueue;
import dev.lightreasoner.store.ExecutionLease;
import dev.lightreasoner.store.JobShard;
import dev.lightreasoner.store.ShardStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The step that chooses where a job's items run: with {@code shards=1} it only answers {@code LOCAL} (the job's chunk
 * step follows). Sharded, it is the run's own work: it plans the shards (once per job instance: a restart keeps those done), queues every one
 * not done, then watches them through the database until all are done — completed shards are marked done, failed or
 * crashed ones queued again (restarting from their checkpoint on any node) up to their attempts — and fails naming
 * the shard that failed past them. Where each shard ran is in its row ({@code GET executions/{id}} shows it).
 */
@Named
@Dependent
public class ShardCoordinator extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ShardCoordinator.class.getName());
    private static final long POLL_MS = 1000;
    /** exit status: run the items in this execution */
    static final String LOCAL = "LOCAL";

    @Inject
    JobContext jobContext;
    @EJB
    ShardStore store;
    @EJB
    ShardQueue queue;

    private volatile boolean stopRequested;

    @Override
    public String process() throws Exception {
        ShardedParameters p = Sharding.parameters(jobContext);
        if (p.shards() <= 1) {
            return LOCAL;
        }
        long run = jobContext.getInstanceId();
        long[] range = p.itemRange(DataRoot.fromEnvironment());
        List<JobShard> planned = new ArrayList<>();
        List<ShardedParameters.Range> ranges = ShardedParameters.split(range[0], range[1], p.shards(), p.batchSize());
        Map<String, String> raw = JobStart.raw(jobContext);
        for (int i = 0; i < ranges.size(); i++) {
            ShardedParameters.Range r = ranges.get(i);
            planned.add(new JobShard(run, i, jobContext.getJobName(), r.first(), r.count(), shardParameters(raw, r, run)));
        }
        List<JobShard> shards = store.plan(run, planned);
        Map<Long, String[]> statuses = executions(shards);
        for (JobShard s : shards) {
            String[] execution = s.getExecutionId() == null ? null : statuses.get(s.getExecutionId());
            boolean ended = execution != null && !List.of("STARTING", "STARTED", "STOPPING", "COMPLETED").contains(execution[0]);
            if (JobShard.FAILED.equals(s.getState()) || (JobShard.RUNNING.equals(s.getState()) && ended)) {
                // a restart of the run gives its failed shards new attempts (from their checkpoints)
                if (store.retryAnew(s.getId(), s.getEpoch())) {
                    queue.send(s.getId(), s.getEpoch() + 1);
                }
            } else if (JobShard.QUEUED.equals(s.getState())) {
                queue.send(s.getId(), s.getEpoch());            // (again, for a restarted run: duplicates lose their claim)
            }
        }
        LOG.info(jobContext.getJobName() + " run " + run + ": " + shards.size() + " shards of items [" + range[0] + ", "
                + range[1] + ") queued");
        while (!stopRequested) {
            shards = store.shards(run);
            if (shards.stream().allMatch(s -> JobShard.DONE.equals(s.getState()))) {
                return ExitStatuses.fit("COMPLETED " + shards.size() + " shards, ran on " + distribution(shards));
            }
            supervise(shards);
            Thread.sleep(POLL_MS);
        }
        return "STOPPED";
    }

    /** The batch and exit status of each shard's latest execution, from the job repository. */
    private Map<Long, String[]> executions(List<JobShard> shards) {
        return store.executionStatuses(shards.stream().map(JobShard::getExecutionId).filter(Objects::nonNull).toList());
    }

    private void supervise(List<JobShard> shards) {
        Map<Long, String[]> statuses = executions(shards);
        Instant now = Instant.now();
        for (JobShard s : shards) {
            String[] execution = s.getExecutionId() == null ? null : statuses.get(s.getExecutionId());
            ShardDecision next = ShardDecision.of(s, execution == null ? null : execution[0], now,
                    ShardDecision.resendAfter(), ExecutionLease.timeout(), ShardDecision.maxAttempts());
            switch (next) {
                case WAIT -> { }
                case DONE -> store.done(s.getId(), s.getEpoch());
                case RESEND -> {
                    store.resent(s.getId(), s.getEpoch());
                    queue.send(s.getId(), s.getEpoch());
                }
                case RECLAIM -> requeue(s, JobShard.CLAIMED, false, "claimed by " + s.getOwner() + " but never started");
                case REQUEUE -> requeue(s, JobShard.RUNNING, false, "execution " + s.getExecutionId() + " was stopped");
                case RETRY -> requeue(s, JobShard.RUNNING, true, "execution " + s.getExecutionId() + " ended "
                        + (execution == null ? "(not in the job repository)" : execution[0] + ": " + execution[1]));
                case FAIL -> throw new IllegalStateException("shard " + s.getShardIndex() + " (items [" + s.getFirstItem()
                        + ", " + (s.getFirstItem() + s.getItemCount()) + ")) failed"
                        + (JobShard.FAILED.equals(s.getState()) ? ": " + s.getMessage()
                        : " on its last attempt (" + ShardDecision.maxAttempts() + "): execution " + s.getExecutionId()
                        + (execution == null ? "" : " " + execution[0] + ": " + execution[1]))
                        + "; restart this execution to try the unfinished shards again");
            }
        }
    }

    private void requeue(JobShard s, String state, boolean attempt, String why) {
        if (store.requeue(s.getId(), s.getEpoch(), state, attempt, why)) {
            LOG.warning("shard " + s.getShardIndex() + " queued again: " + why);
            queue.send(s.getId(), s.getEpoch() + 1);
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    /** The parent's parameters with the shard's range: the shard runs as one execution into the parent's run. */
    private static Map<String, String> shardParameters(Map<String, String> raw, ShardedParameters.Range r, long run) {
        Map<String, String> p = new TreeMap<>(raw);
        p.put("from", Long.toString(r.first()));
        p.put("limit", Long.toString(r.count()));
        p.put("shards", "1");
        p.put("shardOf", Long.toString(run));
        if (raw.containsKey("partitions") && Long.parseLong(raw.get("partitions")) > r.count()) {
            p.put("partitions", Long.toString(r.count()));     // partitions of a shard: at most one per item
        }
        return p;
    }

    /** "node1 ×2, node2 ×3" over the shards' latest claimants. */
    private static String distribution(List<JobShard> shards) {
        Map<String, Integer> byNode = new TreeMap<>();
        shards.forEach(s -> byNode.merge(s.getOwner() == null ? "?" : ServerIdentity.nodeOf(s.getOwner()), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        byNode.forEach((node, n) -> out.append(out.length() == 0 ? "" : ", ").append(node).append(" x").append(n));
        return out.toString();
    }
}
