package dev.lightreasoner.batch.evaluate;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;

/** The evaluate job's parameters, read back through the service's validation. */
final class EvaluateJob {
    private EvaluateJob() {
    }

    static EvaluateParameters parameters(JobContext job) {
        return EvaluateParameters.from(BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())),
                DataRoot.fromEnvironment());
    }
}
