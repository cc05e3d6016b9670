package dev.lightreasoner.batch.sft;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.sampling.SftSampleParameters;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Opens the SFT run (id = job instance id); the question range must hold prepared questions. */
@Named
@Dependent
public class SftSetup extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore samples;
    @EJB
    QuestionStore questions;

    @Override
    public String process() {
        SftSampleParameters p = JobStart.parameters(jobContext, SftSampleParameters.class, SftSampleParameters::from);
        long available = questions.countRange(p.dataset(), p.from(), p.from() + p.limit());
        if (available == 0) {
            String message = "dataset '" + p.dataset() + "' has no prepared questions with index in [" + p.from() + ", "
                    + (p.from() + p.limit()) + "): run the prepare job first";
            jobContext.setExitStatus(ExitStatuses.fit("FAILED " + message));
            throw new IllegalStateException(message);
        }
        samples.openRun(new SamplingRun(jobContext.getInstanceId(), "SFT", p.dataset(), p.expert(), null, 0, 0,
                p.maxNewTokens(), p.from(), p.limit()));
        return "run " + jobContext.getInstanceId() + ": " + available + " questions";
    }
}
