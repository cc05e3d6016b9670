package dev.lightreasoner.batch.lab;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.OutputFolder;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.lab.PretrainParameters;
import dev.lightreasoner.engine.training.CheckpointStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Publishes the final checkpoint's model folder at {@code output} (built aside, then moved into place). */
@Named
@Dependent
public class PretrainFinish extends AbstractBatchlet {
    @Inject
    JobContext jobContext;

    @Override
    public String process() throws Exception {
        DataRoot root = DataRoot.fromEnvironment();
        PretrainParameters p = JobStart.parameters(jobContext, PretrainParameters.class, PretrainParameters::from);
        CheckpointStore checkpoints = new CheckpointStore(DataRoot.fromEnvironment().path().resolve(RunFolders.of("pretrain", jobContext.getInstanceId())), p.keep());
        List<Long> steps = checkpoints.steps();
        if (steps.isEmpty()) {
            throw new IllegalStateException("no checkpoint to publish");
        }
        Path last = checkpoints.folder(steps.get(steps.size() - 1));
        Path output = root.newFolder("output", p.output());
        Path staged = OutputFolder.staging(output);
        for (String file : new String[] {"config.json", "generation_config.json", "tokenizer.json", "model.safetensors"}) {
            Files.copy(last.resolve(file), staged.resolve(file));
        }
        if (Files.exists(last.resolve("tokenizer_config.json"))) {           // the chat template (older runs lack it)
            Files.copy(last.resolve("tokenizer_config.json"), staged.resolve("tokenizer_config.json"));
        }
        OutputFolder.publish(staged, output);
        String status = "COMPLETED pretrained " + steps.get(steps.size() - 1) + " steps -> " + p.output();
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
