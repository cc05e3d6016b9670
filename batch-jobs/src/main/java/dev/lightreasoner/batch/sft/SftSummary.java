package dev.lightreasoner.batch.sft;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.store.RunStatistics;
import dev.lightreasoner.store.SampleStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Reports the rejection sampling: draws, accepted solutions, questions solved, tuned tokens. */
@Named
@Dependent
public class SftSummary extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore store;

    @Override
    public String process() {
        long run = jobContext.getInstanceId();
        RunStatistics s = store.summarize(run);
        long solved = store.questions(run).stream().filter(q -> q.getStepsKept() > 0).count();
        long tokens = store.questions(run).stream().mapToLong(q -> (long) q.getKlSum()).sum();
        String status = "COMPLETED run=" + run + " questions=" + s.questionsDone() + " drawn=" + s.stepsConsidered()
                + " accepted=" + s.stepsKept() + " solved=" + solved + " tunedTokens=" + tokens;
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
