package dev.lightreasoner.batch.merge;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.training.LoraMerge;
import dev.lightreasoner.engine.training.MergeParameters;
import dev.lightreasoner.service.BatchJobs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Merges an adapter into its base into a temporary folder, then renames it to the output in one step. */
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
        Path output = root.resolve("output", p.output());
        Path tmp = output.resolveSibling(".tmp-" + output.getFileName() + "-" + System.nanoTime());
        LoraMerge.merge(root.resolve("base", p.base()), root.resolve("adapter", p.adapter()), tmp, p.dtype());
        Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE);
        String status = "COMPLETED merged " + p.adapter() + " into " + p.base() + " -> " + p.output() + " (" + p.dtype() + ")";
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }
}
