package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.store.RunStatistics;
import dev.lightreasoner.store.SampleStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;

/** Last step of {@code sample}: aggregates the run's statistics from its rows and stores them on the run. */
@Named
@Dependent
public class SamplingSummary extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore store;

    @Override
    public String process() {
        RunStatistics s = store.summarize(jobContext.getInstanceId());
        String status = String.format(Locale.ROOT, "COMPLETED run=%d questions=%d considered=%d kept=%d keptRate=%.4f meanKl=%.4f",
                jobContext.getInstanceId(), s.questionsDone(), s.stepsConsidered(), s.stepsKept(), s.keptRate(), s.meanKl());
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
