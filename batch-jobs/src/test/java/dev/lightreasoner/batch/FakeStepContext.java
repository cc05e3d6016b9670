package dev.lightreasoner.batch;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.StepContext;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** A step context for unit tests: transient data, exit status, the step's exception and its metrics. */
public final class FakeStepContext implements StepContext {
    private final String stepName;
    private final Map<Metric.MetricType, Long> metrics = new EnumMap<>(Metric.MetricType.class);
    private Object transientUserData;
    private Serializable persistentUserData;
    private String exitStatus;
    private Exception exception;

    public FakeStepContext(String stepName) {
        this.stepName = stepName;
    }

    public FakeStepContext metric(Metric.MetricType type, long value) {
        metrics.put(type, value);
        return this;
    }

    public FakeStepContext failedWith(Exception e) {
        exception = e;
        return this;
    }

    @Override
    public String getStepName() {
        return stepName;
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
    public long getStepExecutionId() {
        return 1;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public Serializable getPersistentUserData() {
        return persistentUserData;
    }

    @Override
    public void setPersistentUserData(Serializable data) {
        persistentUserData = data;
    }

    @Override
    public BatchStatus getBatchStatus() {
        return exception == null ? BatchStatus.STARTED : BatchStatus.FAILED;
    }

    @Override
    public String getExitStatus() {
        return exitStatus;
    }

    @Override
    public void setExitStatus(String status) {
        exitStatus = status;
    }

    @Override
    public Exception getException() {
        return exception;
    }

    @Override
    public Metric[] getMetrics() {
        return metrics.entrySet().stream().map(e -> new Metric() {
            @Override
            public MetricType getType() {
                return e.getKey();
            }

            @Override
            public long getValue() {
                return e.getValue();
            }
        }).toArray(Metric[]::new);
    }
}
