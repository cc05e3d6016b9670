package dev.lightreasoner.batch.lab;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.nio.file.Path;
import java.util.Map;

/** Parameters of the lab jobs as the service validated them, and the pretrain run folder. */
final class LabJobs {
    private LabJobs() {
    }

    static Map<String, String> raw(JobContext job) {
        return BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId()));
    }

    static Path runFolder(JobContext job) {
        return DataRoot.fromEnvironment().path().resolve("runs").resolve("pretrain-" + job.getInstanceId());
    }
}
