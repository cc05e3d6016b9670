package dev.lightreasoner.batch.sample;

import dev.lightreasoner.engine.sampling.ContrastiveSampler;
import dev.lightreasoner.store.PreparedQuestion;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the expert's trajectories and the amateur's one-pass scoring for a batch of questions, prompts rendered with
 * the expert's chat template; a sampled trajectory draws from its question's own stream.
 */
@Named
@Dependent
public class TrajectoryContrast implements ItemProcessor {
    @Inject
    StepContext stepContext;

    /** A question's prompt ids and sampling outcome. */
    public record SampledItem(long questionIndex, int[] promptIds, ContrastiveSampler.Outcome outcome)
            implements Serializable {
    }

    @Override
    public Object processItem(Object item) {
        SamplingSession session = (SamplingSession) stepContext.getTransientUserData();
        List<PreparedQuestion> questions = ((QuestionBatchReader.QuestionBatch) item).questions();
        List<int[]> prompts = new ArrayList<>(questions.size());
        long[] streams = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            prompts.add(session.tokenizer().encode(session.prompts().sampling(questions.get(i).getQuestion())));
            streams[i] = questions.get(i).getQuestionIndex();
        }
        List<ContrastiveSampler.Outcome> outcomes = session.sampler().sample(prompts, streams);
        List<SampledItem> out = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            out.add(new SampledItem(questions.get(i).getQuestionIndex(), prompts.get(i), outcomes.get(i)));
        }
        return new ArrayList<>(out);
    }
}
