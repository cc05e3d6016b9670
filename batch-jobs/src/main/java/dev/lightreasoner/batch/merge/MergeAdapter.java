package dev.lightreasoner.batch.merge;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.OutputFolder;
import dev.lightreasoner.engine.training.LoraMerge;
import dev.lightreasoner.engine.training.MergeParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;

/** Merges an adapter into its base in a staging folder, then moves it into place at the output. */
@Named
@Dependent
public class MergeAdapter extends AbstractBatchlet {
    @Inject
    JobContext jobContext;

    @Override
    public String process() throws Exception {
        DataRoot root = DataRoot.fromEnvironment();
        MergeParameters p = MergeParameters.from(
                BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(jobContext.getExecutionId())), root);
        Path output = root.newFolder("output", p.output());
        Path staged = OutputFolder.staging(output);
        LoraMerge.merge(root.resolve("base", p.base()), root.resolve("adapter", p.adapter()), staged, p.dtype());
        OutputFolder.publish(staged, output);
        String status = "COMPLETED merged " + p.adapter() + " into " + p.base() + " -> " + p.output() + " (" + p.dtype() + ")";
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
