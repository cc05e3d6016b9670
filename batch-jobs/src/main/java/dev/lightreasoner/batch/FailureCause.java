package dev.lightreasoner.batch;

import dev.lightreasoner.service.FailureCauses;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Job listener of every job: when an execution FAILED without saying why, its exit status becomes
 * "FAILED: step S: Exception: message" so the history, the API and schedulers show the cause.
 */
@Named("failureCause")
@Dependent
public class FailureCause extends AbstractJobListener {
    @Inject
    JobContext jobContext;
    @EJB
    FailureCauses causes;

    @Override
    public void afterJob() throws Exception {
        String exit = jobContext.getExitStatus();
        boolean unexplained = exit == null || exit.isBlank() || exit.equals(BatchStatus.FAILED.name());
        if (jobContext.getBatchStatus() == BatchStatus.FAILED && unexplained) {
            String cause = causes.of(jobContext.getExecutionId());
            if (cause != null) {
                jobContext.setExitStatus(ExitStatuses.fit("FAILED: " + cause));
            }
        }
    }
}
