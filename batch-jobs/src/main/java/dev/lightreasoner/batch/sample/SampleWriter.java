package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.shard.Sharding;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.service.JobMetrics;
import dev.lightreasoner.store.RunStatistics;
import dev.lightreasoner.store.Sample;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SampledQuestion;
import dev.lightreasoner.store.SamplingRun;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Persists each question's outcome and kept steps in the chunk's transaction, replacing any earlier copy. */
@Named
@Dependent
public class SampleWriter extends AbstractItemWriter {
    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    SampleStore store;
    @Inject
    JobMetrics metrics;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) {
        SamplingSession session = (SamplingSession) stepContext.getTransientUserData();
        long failAt = session.parameters().failAtQuestion();
        long run = Sharding.run(jobContext);
        long questions = 0;
        long considered = 0;
        long kept = 0;
        for (Object batch : items) {
            for (TrajectoryContrast.SampledItem item : (List<TrajectoryContrast.SampledItem>) batch) {
                if (item.questionIndex() == failAt) {
                    // fault injection for restart tests: the whole chunk rolls back
                    throw new IllegalStateException("injected failure at question " + failAt + " (parameter failAtQuestion)");
                }
                ContrastiveSampler.Outcome o = item.outcome();
                long[] histogram = new long[SamplingRun.HISTOGRAM_BINS];
                double klSum = RunStatistics.accumulate(o.stepKl(), histogram);
                List<Sample> samples = new ArrayList<>(o.kept().size());
                for (ContrastiveSampler.KeptStep k : o.kept()) {
                    samples.add(new Sample(run, item.questionIndex(), k.step(), Arrays.copyOf(o.trajectory(), k.step()),
                            k.tokenIds(), k.weights(), k.kl()));
                }
                store.replaceQuestion(new SampledQuestion(run, item.questionIndex(), item.promptIds(), o.trajectory(),
                        o.stepsConsidered(), o.kept().size(), klSum, histogram, jobContext.getExecutionId()), samples);
                questions++;
                considered += o.stepsConsidered();
                kept += o.kept().size();
            }
        }
        metrics.sampled(questions, considered, kept);
    }
}
