package dev.lightreasoner.batch.train;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.training.TrainParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.nio.file.Path;

/** The train job's parameters, and where its run folder lives: {@code <data root>/runs/train-<instance>}. */
final class TrainJob {
    private TrainJob() {
    }

    static TrainParameters parameters(JobContext job) {
        return TrainParameters.from(BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())),
                DataRoot.fromEnvironment());
    }

    static Path runFolder(JobContext job) {
        return DataRoot.fromEnvironment().path().resolve("runs").resolve("train-" + job.getInstanceId());
    }
}
