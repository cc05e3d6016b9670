package dev.lightreasoner.batch.train;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.OutputFolder;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.training.CheckpointStore;
import dev.lightreasoner.engine.training.TrainParameters;
import dev.lightreasoner.store.TrainingStepRecord;
import dev.lightreasoner.store.TrainingStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Publishes the final checkpoint's adapter as {@code runs/train-N/adapter} (PEFT layout). */
@Named
@Dependent
public class TrainingFinish extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    TrainingStore store;

    @Override
    public String process() throws Exception {
        TrainParameters p = JobStart.parameters(jobContext, TrainParameters.class, TrainParameters::from);
        Path run = DataRoot.fromEnvironment().path().resolve(RunFolders.of("train", jobContext.getInstanceId()));
        CheckpointStore checkpoints = new CheckpointStore(run, p.keep());
        List<Long> done = checkpoints.steps();
        if (done.isEmpty()) {
            throw new IllegalStateException("no checkpoint in " + run);
        }
        long finalStep = done.get(done.size() - 1);
        Path last = checkpoints.folder(finalStep);
        Path adapter = run.resolve("adapter");
        Path staged = OutputFolder.staging(adapter);
        for (String file : new String[] {"adapter_model.safetensors", "adapter_config.json"}) {
            Files.copy(last.resolve(file), staged.resolve(file));
        }
        OutputFolder.replaceOwn(staged, adapter);                 // a re-run of this step replaces its own adapter
        List<TrainingStepRecord> steps = store.steps(jobContext.getInstanceId());
        double finalLoss = steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).getLoss();
        String status = String.format(Locale.ROOT, "COMPLETED run=%d steps=%d finalLoss=%.6f adapter=%s",
                jobContext.getInstanceId(), finalStep, finalLoss, DataRoot.fromEnvironment().path().relativize(adapter));
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
