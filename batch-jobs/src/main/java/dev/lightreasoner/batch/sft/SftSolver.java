package dev.lightreasoner.batch.sft;

import dev.lightreasoner.engine.sampling.RejectionSampler;
import dev.lightreasoner.store.PreparedQuestion;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Draws the expert's solutions for a question and keeps the correct ones. */
@Named
@Dependent
public class SftSolver implements ItemProcessor {
    @Inject
    StepContext stepContext;

    /** A question's prompt ids, number of draws and accepted solutions. */
    record Outcome(long questionIndex, int[] promptIds, int drawn, List<RejectionSampler.Solution> accepted) {
    }

    @Override
    public Object processItem(Object item) {
        SftQuestionReader.Session session = (SftQuestionReader.Session) stepContext.getTransientUserData();
        PreparedQuestion q = (PreparedQuestion) item;
        int[] prompt = session.tokenizer().encode(session.prompts().sampling(q.getQuestion()));
        return new Outcome(q.getQuestionIndex(), prompt, session.sampler().samples(),
                session.sampler().accepted(q.getQuestionIndex(), prompt, q.getGoldAnswer()));
    }
}
