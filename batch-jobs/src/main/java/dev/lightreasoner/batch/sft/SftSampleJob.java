package dev.lightreasoner.batch.sft;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.sampling.SftSampleParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;

/** The sft-sample job's parameters, read back through the service's validation. */
final class SftSampleJob {
    private SftSampleJob() {
    }

    static SftSampleParameters parameters(JobContext job) {
        return SftSampleParameters.from(BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())),
                DataRoot.fromEnvironment());
    }
}
