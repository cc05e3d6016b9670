package dev.lightreasoner.batch.importsamples;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.sampling.ImportParameters;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Opens the IMPORTED run (id = job instance id) that the file's samples go into. */
@Named
@Dependent
public class ImportSetup extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore store;

    @Override
    public String process() {
        ImportParameters p = JobStart.parameters(jobContext, ImportParameters.class, ImportParameters::from);
        store.openRun(new SamplingRun(jobContext.getInstanceId(), "IMPORTED", ImportParameters.dataset(jobContext.getInstanceId()), p.expert(),
                null, 0, 0, 0, 0, 0));
        return "run " + jobContext.getInstanceId();
    }
}
