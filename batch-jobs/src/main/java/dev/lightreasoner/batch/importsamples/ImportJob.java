package dev.lightreasoner.batch.importsamples;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.sampling.ImportParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;

/** The import job's parameters, and the dataset name its questions are stored under. */
final class ImportJob {
    private ImportJob() {
    }

    static ImportParameters parameters(JobContext job) {
        return ImportParameters.from(BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())),
                DataRoot.fromEnvironment());
    }

    static String dataset(JobContext job) {
        return "import-" + job.getInstanceId();
    }
}
