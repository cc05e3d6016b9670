package dev.lightreasoner.service;

import dev.lightreasoner.engine.Progress;
import dev.lightreasoner.store.JobShard;
import dev.lightreasoner.store.ShardStore;
import jakarta.batch.runtime.JobExecution;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** How the API shows a sharded run: its shards and its progress over all of them. */
final class ShardViews {
    private ShardViews() {
    }

    /** A sharded run's shards (the execution that planned them, or a restart of it); null for any other execution. */
    static List<ExecutionView.ShardView> of(ShardStore store, long instance, Map<String, String> parameters) {
        if (Integer.parseInt(parameters.getOrDefault("shards", "1")) <= 1) {
            return null;
        }
        List<ExecutionView.ShardView> out = new ArrayList<>();
        List<JobShard> shards = store.shards(instance);
        long[] done = store.itemsDone(shards);
        for (int i = 0; i < shards.size(); i++) {
            JobShard s = shards.get(i);
            out.add(new ExecutionView.ShardView(s.getShardIndex(), s.getFirstItem(), s.getItemCount(), done[i],
                    s.getState(), s.getOwner() == null ? null : ServerIdentity.nodeOf(s.getOwner()), s.getExecutionId(),
                    s.getAttempts(), s.getMessage()));
        }
        return out;
    }

    static Progress progress(JobExecution e, List<ExecutionView.ShardView> shards) {
        Date end = e.getEndTime() != null ? e.getEndTime() : new Date();
        double seconds = e.getStartTime() == null ? 0 : (end.getTime() - e.getStartTime().getTime()) / 1000.0;
        return Progress.ofShards(e.getJobName(), shards.stream().mapToLong(ExecutionView.ShardView::itemsDone).sum(),
                shards.stream().mapToLong(ExecutionView.ShardView::count).sum(), seconds, e.getBatchStatus().name());
    }
}
