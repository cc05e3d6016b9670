package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** Reads the prepare job's parameters back through the same validation the service applied. */
final class PrepareJob {
    private PrepareJob() {
    }

    static PrepareParameters parameters(JobContext job) {
        Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        return PrepareParameters.from(BatchJobs.toMap(p), DataRoot.fromEnvironment());
    }
}
