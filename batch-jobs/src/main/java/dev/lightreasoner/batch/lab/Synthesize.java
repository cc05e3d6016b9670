package dev.lightreasoner.batch.lab;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.OutputFolder;
import dev.lightreasoner.engine.lab.SynthesizeParameters;
import dev.lightreasoner.engine.lab.SyntheticMath;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;

/** Writes the seeded synthetic train/validation/test sets (GSM8K layout plus solutions) into a new folder. */
@Named
@Dependent
public class Synthesize extends AbstractBatchlet {
    @Inject
    JobContext jobContext;

    @Override
    public String process() throws Exception {
        DataRoot root = DataRoot.fromEnvironment();
        SynthesizeParameters p = JobStart.parameters(jobContext, SynthesizeParameters.class, SynthesizeParameters::from);
        Path folder = root.newFolder("folder", p.folder());
        Path staged = OutputFolder.staging(folder);
        SyntheticMath.write(staged, p.train(), p.validation(), p.test(), p.seed());
        OutputFolder.publish(staged, folder);
        String status = "COMPLETED wrote " + p.train() + " train, " + p.validation() + " validation and " + p.test() + " test problems to " + p.folder();
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
