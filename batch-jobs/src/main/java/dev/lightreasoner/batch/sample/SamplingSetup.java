package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.ModelConfig;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SamplingRun;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * First step of {@code sample} (also on every restart): the models must be readable, share a tokenizer and
 * fit the vocabulary truncation rule, and the question range must hold prepared questions. Opens the run.
 */
@Named
@Dependent
public class SamplingSetup extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @EJB
    SampleStore samples;
    @EJB
    QuestionStore questions;

    @Override
    public String process() throws Exception {
        SampleParameters p = JobStart.parameters(jobContext, SampleParameters.class, SampleParameters::from);
        DataRoot root = DataRoot.fromEnvironment();
        ModelConfig expert = ModelConfig.load(p.expertFolder(root));
        ModelConfig amateur = ModelConfig.load(p.amateurFolder(root));
        try (TextTokenizer e = TextTokenizer.load(p.expertFolder(root));
             TextTokenizer a = TextTokenizer.load(p.amateurFolder(root))) {
            String difference = e.differenceFrom(a);
            if (difference != null) {
                return fail("expert and amateur tokenizers differ: " + difference);
            }
            int width = Math.min(expert.vocabSize(), amateur.vocabSize());
            if (e.size() > width) {
                return fail("the tokenizer has " + e.size() + " ids but the smaller model's vocabulary is " + width
                        + " wide: truncation to the shared width would drop real tokens");
            }
        }
        long[] range = {p.from(), p.from() + p.limit()};
        long available = questions.countRange(p.dataset(), range[0], range[1]);
        if (available == 0 && p.shardOf() == 0) {         // (a shard past the prepared questions has nothing to do)
            return fail("dataset '" + p.dataset() + "' has no prepared questions with index in [" + range[0] + ", "
                    + range[1] + "): run the prepare job first");
        }
        if (p.shardOf() > 0) {                                 // a shard writes into its sharded run, opened by that run
            String status = "shard of run " + p.shardOf() + ": " + available + " questions [" + range[0] + ", " + range[1]
                    + "), " + p.partitions() + " partition(s)";
            jobContext.setExitStatus(ExitStatuses.fit(status));
            return status;
        }
        SamplingRun run = samples.openRun(new SamplingRun(jobContext.getInstanceId(), "SAMPLED", p.dataset(), p.expert(),
                p.amateur(), p.alpha(), p.beta(), p.maxNewTokens(), p.from(), p.limit()));
        String status = "run " + run.getId() + ": " + available + " questions, " + (p.shards() > 1 ? p.shards()
                + " shards" : p.partitions() + " partition(s)");
        jobContext.setExitStatus(ExitStatuses.fit(status));
        return status;
    }

    private String fail(String message) {
        jobContext.setExitStatus(ExitStatuses.fit("FAILED " + message));
        throw new IllegalStateException(message);
    }
}
