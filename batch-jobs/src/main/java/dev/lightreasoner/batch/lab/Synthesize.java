package dev.lightreasoner.batch.lab;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.lab.SynthesizeParameters;
import dev.lightreasoner.engine.lab.SyntheticMath;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Writes the seeded synthetic train/test sets (GSM8K layout plus solutions). */
@Named
@Dependent
public class Synthesize extends AbstractBatchlet {
    @Inject
    JobContext jobContext;

    @Override
    public String process() throws Exception {
        DataRoot root = DataRoot.fromEnvironment();
        SynthesizeParameters p = SynthesizeParameters.from(LabJobs.raw(jobContext), root);
        SyntheticMath.write(root.resolve("folder", p.folder()), p.train(), p.test(), p.seed());
        String status = "COMPLETED wrote " + p.train() + " train and " + p.test() + " test problems to " + p.folder();
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
