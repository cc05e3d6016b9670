package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.PrepareParameters;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads the prepare job's parameters back through the same validation the service applied. */
final class PrepareJob {
    private PrepareJob() {
    }

    static PrepareParameters parameters(JobContext job) {
        Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        Map<String, String> raw = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            raw.put(key, p.getProperty(key));
        }
        return PrepareParameters.from(raw, DataRoot.fromEnvironment());
    }
}
