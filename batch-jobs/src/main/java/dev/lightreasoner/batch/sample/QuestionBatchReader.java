package dev.lightreasoner.batch.sample;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.batch.ModelNotes;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.service.LoadedModels;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads a partition's prepared questions as batches of {@code batchSize}. Checkpoint = the next question
 * index to read. Opens the partition's models (shared per folder and device) for the processor.
 */
@Named
@Dependent
public class QuestionBatchReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(QuestionBatchReader.class.getName());

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @Inject
    @BatchProperty
    String from;
    @Inject
    @BatchProperty
    String to;
    @Inject
    @BatchProperty
    String device;
    @EJB
    QuestionStore questions;
    @EJB
    LoadedModels models;

    private SampleParameters params;
    private long next;
    private long end;
    private LoadedModels.Lease expert;
    private LoadedModels.Lease amateur;
    private TextTokenizer tokenizer;

    /** A batch of questions processed together. */
    public record QuestionBatch(List<PreparedQuestion> questions) implements Serializable {
    }

    @Override
    public void open(Serializable checkpoint) {
        params = JobStart.parameters(jobContext, SampleParameters.class, SampleParameters::from);
        next = checkpoint == null ? Long.parseLong(from) : (Long) checkpoint;
        end = Long.parseLong(to);
        DataRoot root = DataRoot.fromEnvironment();
        expert = models.acquire(params.expertFolder(root), device, params.precision());
        amateur = models.acquire(params.amateurFolder(root), device, params.precision());
        tokenizer = TextTokenizer.load(params.expertFolder(root));
        ChatPrompts prompts = ChatPrompts.forJob(params.expertFolder(root), params.promptTemplate(), root);
        stepContext.setTransientUserData(new SamplingSession(params, tokenizer, prompts, new ContrastiveSampler(
                expert.model(), amateur.model(), params.alpha(), params.beta(), params.maxNewTokens(), params.decoding())));
        ModelNotes.say(LOG, jobContext, params.expertFolder(root), prompts, params.decoding());
        LOG.info("sample execution " + jobContext.getExecutionId() + " partition [" + from + ", " + to + ") on " + device
                + " resumes at question " + next);
    }

    @Override
    public Object readItem() {
        if (next >= end) {
            return null;
        }
        List<PreparedQuestion> batch = questions.range(params.dataset(), next, end, params.batchSize());
        if (batch.isEmpty()) {
            next = end;
            return null;
        }
        next = batch.get(batch.size() - 1).getQuestionIndex() + 1;
        return new QuestionBatch(batch);
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (expert != null) {
            expert.close();
        }
        if (amateur != null) {
            amateur.close();
        }
    }
}
