package dev.lightreasoner.batch;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A job execution's parameters, read once: the first artifact that asks parses them through the job's own rules
 * (the service ran the same rules before the start) and keeps the typed result in the job context's transient data;
 * every later step and artifact of that execution gets the same object. A restart is a new execution: read again.
 */
public final class JobStart {
    private JobStart() {
    }

    public static <T> T parameters(JobContext job, Class<T> type, BiFunction<Map<String, String>, DataRoot, T> rules) {
        Object kept = job.getTransientUserData();
        if (type.isInstance(kept)) {
            return type.cast(kept);
        }
        T parsed = rules.apply(raw(job), DataRoot.fromEnvironment());
        job.setTransientUserData(parsed);
        return parsed;
    }

    /** The execution's parameters as stored by the service (effective values, defaults filled in). */
    public static Map<String, String> raw(JobContext job) {
        return BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId()));
    }
}
