package dev.lightreasoner.batch.sample;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** Reads the sample job's parameters back through the same validation the service applied. */
final class SampleJob {
    private SampleJob() {
    }

    static SampleParameters parameters(JobContext job) {
        Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        return SampleParameters.from(BatchJobs.toMap(p), DataRoot.fromEnvironment());
    }
}
