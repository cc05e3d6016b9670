package dev.lightreasoner.batch;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** A job context as the runtime gives an artifact, for unit tests: ids, transient data and exit status. */
public final class FakeJobContext implements JobContext {
    private final String jobName;
    private final long instanceId;
    private final long executionId;
    private Object transientUserData;
    private String exitStatus;

    /** @param parameters the execution's parsed parameters, as {@link JobStart} keeps them for the artifacts */
    public FakeJobContext(String jobName, long instanceId, long executionId, Object parameters) {
        this.jobName = jobName;
        this.instanceId = instanceId;
        this.executionId = executionId;
        this.transientUserData = parameters;
    }

    @Override
    public String getJobName() {
        return jobName;
    }

    @Override
    public Object getTransientUserData() {
        return transientUserData;
    }

    @Override
    public void setTransientUserData(Object data) {
        transientUserData = data;
    }

    @Override
    public long getInstanceId() {
        return instanceId;
    }

    @Override
    public long getExecutionId() {
        return executionId;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public BatchStatus getBatchStatus() {
        return BatchStatus.STARTED;
    }

    @Override
    public String getExitStatus() {
        return exitStatus;
    }

    @Override
    public void setExitStatus(String status) {
        exitStatus = status;
    }
}
