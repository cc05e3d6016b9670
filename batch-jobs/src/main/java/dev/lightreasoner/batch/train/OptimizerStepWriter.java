package dev.lightreasoner.batch.train;

import dev.lightreasoner.engine.training.StepwiseTraining;
import dev.lightreasoner.service.JobMetrics;
import dev.lightreasoner.engine.training.SoftLabelTrainer;
import dev.lightreasoner.store.TrainingStepRecord;
import dev.lightreasoner.store.TrainingStore;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Shared by {@code train} and {@code pretrain}. Performs the chunk's optimizer steps, records their metrics, and ends the chunk with an atomic checkpoint
 * of the state after its last step (the repository's checkpoint then names a complete folder).
 */
@Named
@Dependent
public class OptimizerStepWriter extends AbstractItemWriter {
    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    TrainingStore store;
    @Inject
    JobMetrics metrics;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        StepwiseTraining training = (StepwiseTraining) stepContext.getTransientUserData();
        long done = 0;
        for (Object item : items) {
            long step = (Long) item;
            if (step + 1 == training.failAtStep()) {
                // fault injection for restart tests: the chunk rolls back, the last checkpoint stays
                throw new IllegalStateException("injected failure at optimizer step " + (step + 1) + " (parameter failAtStep)");
            }
            SoftLabelTrainer.StepResult r = training.step(step);
            store.replaceStep(new TrainingStepRecord(jobContext.getInstanceId(), r.step(), r.loss(), r.gradNorm(),
                    r.learningRate(), r.forwardTokens(), r.examples(), r.nanos() / 1_000_000));
            metrics.trainingStep(jobContext.getJobName(), r.loss(), r.gradNorm(), r.forwardTokens(), r.nanos());
            done = r.step();
        }
        training.checkpoint(done);
    }
}
