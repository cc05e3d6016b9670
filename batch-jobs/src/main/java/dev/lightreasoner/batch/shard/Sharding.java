package dev.lightreasoner.batch.shard;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.ShardedParameters;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.engine.sampling.SampleParameters;
import jakarta.batch.runtime.context.JobContext;

/** What the artifacts of a job that can run sharded need to know about it. */
public final class Sharding {
    private Sharding() {
    }

    public static ShardedParameters parameters(JobContext job) {
        return switch (job.getJobName()) {
            case "sample" -> JobStart.parameters(job, SampleParameters.class, SampleParameters::from);
            case "evaluate" -> JobStart.parameters(job, EvaluateParameters.class, EvaluateParameters::from);
            default -> throw new IllegalStateException("job " + job.getJobName() + " does not run sharded");
        };
    }

    /** The run an execution writes into: its own job instance, or for a shard, the sharded run's. */
    public static long run(JobContext job) {
        long parent = parameters(job).shardOf();
        return parent > 0 ? parent : job.getInstanceId();
    }
}
