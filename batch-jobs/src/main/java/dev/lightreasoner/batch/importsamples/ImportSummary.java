package dev.lightreasoner.batch.importsamples;

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

/** Summarises an imported run from its samples. */
@Named
@Dependent
public class ImportSummary extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore store;

    @Override
    public String process() {
        RunStatistics s = store.summarizeImported(jobContext.getInstanceId());
        String status = String.format(Locale.ROOT, "COMPLETED run=%d questions=%d samples=%d meanKl=%.4f",
                jobContext.getInstanceId(), s.questionsDone(), s.stepsKept(), s.meanKl());
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
