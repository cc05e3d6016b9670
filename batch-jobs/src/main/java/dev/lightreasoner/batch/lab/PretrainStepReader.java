package dev.lightreasoner.batch.lab;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.lab.PretrainParameters;
import dev.lightreasoner.engine.lab.PretrainRun;
import dev.lightreasoner.service.TrainingLock;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Items are optimizer steps; opens the pretraining fresh or from the recorded checkpoint (steps done). */
@Named
@Dependent
public class PretrainStepReader extends AbstractItemReader {
    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    TrainingLock lock;

    private PretrainRun run;
    private long next;
    private int maxSteps;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        lock.acquire(jobContext.getExecutionId());
        try {
            DataRoot root = DataRoot.fromEnvironment();
            PretrainParameters p = JobStart.parameters(jobContext, PretrainParameters.class, PretrainParameters::from);
            next = checkpoint == null ? 0 : (Long) checkpoint;
            run = PretrainRun.open(p, root.existingFile("data", p.data()), DataRoot.fromEnvironment().path().resolve(RunFolders.of("pretrain", jobContext.getInstanceId())), next);
            maxSteps = run.totalSteps();
            stepContext.setTransientUserData(run);
        } catch (Exception | Error e) {
            lock.release(jobContext.getExecutionId());
            throw e;
        }
    }

    @Override
    public Object readItem() {
        return next < maxSteps ? next++ : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }

    @Override
    public void close() {
        if (run != null) {
            run.close();
        }
        lock.release(jobContext.getExecutionId());
    }
}
