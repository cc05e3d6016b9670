package dev.lightreasoner.batch.prepare;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.PrepareParameters;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Writes a readable exit status: where reading resumed and what was written, or why the step failed
 * (e.g. the skip limit was exceeded by a malformed file).
 */
@Named
@Dependent
public class PrepareStepOutcome extends AbstractStepListener {

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;

    @Override
    public void afterStep() {
        Object resumedAt = stepContext.getTransientUserData();
        String counts = "resumedAtLine=" + (resumedAt == null ? 0 : resumedAt)
                + " read=" + metric(Metric.MetricType.READ_COUNT)
                + " written=" + metric(Metric.MetricType.WRITE_COUNT)
                + " skipped=" + metric(Metric.MetricType.READ_SKIP_COUNT);
        Exception failure = stepContext.getException();
        String status;
        if (failure == null) {
            status = "COMPLETED " + counts;
        } else if (failure instanceof dev.lightreasoner.engine.data.BadRecordException) {
            status = "FAILED too many bad records (skip limit " + JobStart.parameters(jobContext, PrepareParameters.class, PrepareParameters::from).skipLimit()
                    + " exceeded), last: " + failure.getMessage() + "; " + counts;
        } else {
            status = "FAILED " + rootMessage(failure) + "; " + counts;
        }
        stepContext.setExitStatus(ExitStatuses.fit(status));
        jobContext.setExitStatus(ExitStatuses.fit(status));
    }

    private long metric(Metric.MetricType type) {
        for (Metric m : stepContext.getMetrics()) {
            if (m.getType() == type) {
                return m.getValue();
            }
        }
        return 0;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
