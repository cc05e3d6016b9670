package dev.lightreasoner.batch.sft;

import dev.lightreasoner.engine.sampling.RejectionSampler;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SftSolution;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/** Stores each question's accepted solutions in the chunk's transaction, replacing any earlier copy. */
@Named
@Dependent
public class SftWriter extends AbstractItemWriter {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore store;

    @Override
    public void writeItems(List<Object> items) {
        long run = jobContext.getInstanceId();
        for (Object item : items) {
            SftSolver.Outcome o = (SftSolver.Outcome) item;
            List<SftSolution> rows = new ArrayList<>();
            for (RejectionSampler.Solution s : o.accepted()) {
                rows.add(new SftSolution(run, o.questionIndex(), s.sample(), o.promptIds(), s.tokens(), s.answer()));
            }
            store.replaceSft(run, o.questionIndex(), o.promptIds(), o.drawn(), rows, jobContext.getExecutionId());
        }
    }
}
