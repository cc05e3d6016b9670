package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.sampling.SampleParameters;
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
        SampleParameters p = JobStart.parameters(jobContext, SampleParameters.class, SampleParameters::from);
        if (p.shardOf() > 0) {                                 // the sharded run summarizes the whole run
            String status = "COMPLETED shard of run " + p.shardOf() + ": questions [" + p.from() + ", "
                    + (p.from() + p.limit()) + ")";
            jobContext.setExitStatus(ExitStatuses.fit(status));
            return status;
        }
        RunStatistics s = store.summarize(jobContext.getInstanceId());
        String status = String.format(Locale.ROOT, "COMPLETED run=%d questions=%d considered=%d kept=%d keptRate=%.4f meanKl=%.4f",
                jobContext.getInstanceId(), s.questionsDone(), s.stepsConsidered(), s.stepsKept(), s.keptRate(), s.meanKl());
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
