package dev.lightreasoner.batch.lab;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.lab.PretrainParameters;
import dev.lightreasoner.engine.training.CheckpointStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Publishes the final checkpoint's model folder at {@code output} (copied, then renamed into place). */
@Named
@Dependent
public class PretrainFinish extends AbstractBatchlet {
    @Inject
    JobContext jobContext;

    @Override
    public String process() throws Exception {
        DataRoot root = DataRoot.fromEnvironment();
        PretrainParameters p = PretrainParameters.from(LabJobs.raw(jobContext), root);
        CheckpointStore checkpoints = new CheckpointStore(LabJobs.runFolder(jobContext), p.keep());
        List<Long> steps = checkpoints.steps();
        if (steps.isEmpty()) {
            throw new IllegalStateException("no checkpoint to publish");
        }
        Path last = checkpoints.folder(steps.get(steps.size() - 1));
        Path output = root.resolve("output", p.output());
        Path tmp = output.resolveSibling(".tmp-" + output.getFileName() + "-" + System.nanoTime());
        Files.createDirectories(tmp);
        for (String file : new String[] {"config.json", "generation_config.json", "tokenizer.json", "model.safetensors"}) {
            Files.copy(last.resolve(file), tmp.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(output)) {
            try (var old = Files.walk(output)) {
                for (Path f : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE);
        String status = "COMPLETED pretrained " + steps.get(steps.size() - 1) + " steps -> " + p.output();
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
