package dev.lightreasoner.engine.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place where stored rows become training examples: a LightReasoner kept step (its soft label at one
 * position) or a whole solution (the SFT baseline and pretraining: every token a one-hot target).
 */
public final class TrainingExamples {
    /** Above the most solutions a question can have (sft-sample's {@code samples} ≤ 1,024): keys stay distinct. */
    private static final long SOLUTIONS_PER_QUESTION = 4096;

    private TrainingExamples() {
    }

    /** A kept step of a sampled trajectory; the trajectory is the question it answers. */
    public static TrainingExample keptStep(long question, int step, int[] promptIds, int[] prefixIds, int[] labelIds,
                                           double[] labelWeights) {
        return new TrainingExample(question, step, promptIds, prefixIds, labelIds, labelWeights);
    }

    /** Every token of a solution as a one-hot target after the tokens before it; all share one trajectory. */
    public static List<TrainingExample> solution(long trajectory, int[] promptIds, int[] tokens) {
        List<TrainingExample> out = new ArrayList<>(tokens.length);
        for (int t = 0; t < tokens.length; t++) {
            out.add(new TrainingExample(trajectory, t, promptIds, Arrays.copyOf(tokens, t), new int[] {tokens[t]},
                    new double[] {1.0}));
        }
        return out;
    }

    /** The trajectory key of accepted solution {@code sample} of question {@code question}. */
    public static long solutionKey(long question, int sample) {
        return question * SOLUTIONS_PER_QUESTION + sample;
    }
}
