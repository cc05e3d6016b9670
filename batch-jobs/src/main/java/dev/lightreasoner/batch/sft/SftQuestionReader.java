package dev.lightreasoner.batch.sft;

import dev.lightreasoner.batch.JobStart;
import dev.lightreasoner.batch.ModelNotes;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.sampling.RejectionSampler;
import dev.lightreasoner.engine.sampling.SftSampleParameters;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import dev.lightreasoner.service.LoadedModels;
import dev.lightreasoner.store.PreparedQuestion;
import dev.lightreasoner.store.QuestionStore;
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

/** Reads prepared questions one at a time; checkpoint = next question index. Opens the expert and sampler. */
@Named
@Dependent
public class SftQuestionReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(SftQuestionReader.class.getName());

    @Inject
    JobContext jobContext;
    @Inject
    StepContext stepContext;
    @EJB
    QuestionStore questions;
    @EJB
    LoadedModels models;

    private SftSampleParameters params;
    private long next;
    private LoadedModels.Lease expert;
    private TextTokenizer tokenizer;

    /** What the processor needs. */
    record Session(TextTokenizer tokenizer, ChatPrompts prompts, RejectionSampler sampler) {
    }

    @Override
    public void open(Serializable checkpoint) {
        params = JobStart.parameters(jobContext, SftSampleParameters.class, SftSampleParameters::from);
        next = checkpoint == null ? params.from() : (Long) checkpoint;
        DataRoot root = DataRoot.fromEnvironment();
        expert = models.acquire(root.resolve("expert", params.expert()), params.device(), params.precision());
        tokenizer = TextTokenizer.load(root.resolve("expert", params.expert()));
        ChatPrompts prompts = ChatPrompts.forJob(root.resolve("expert", params.expert()), params.promptTemplate(), root);
        stepContext.setTransientUserData(new Session(tokenizer, prompts, new RejectionSampler(expert.model(), tokenizer,
                params.samples(), params.temperature(), params.topP(), params.seed(), params.maxNewTokens())));
        ModelNotes.say(LOG, jobContext, root.resolve("expert", params.expert()), prompts,
                new Decoding(params.temperature(), params.topP(), params.seed()));
    }

    @Override
    public Object readItem() {
        List<PreparedQuestion> found = questions.range(params.dataset(), next, params.from() + params.limit(), 1);
        if (found.isEmpty()) {
            return null;
        }
        next = found.get(0).getQuestionIndex() + 1;
        return found.get(0);
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
    }
}
