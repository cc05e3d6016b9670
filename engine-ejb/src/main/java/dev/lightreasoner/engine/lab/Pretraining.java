package dev.lightreasoner.engine.lab;

import dev.lightreasoner.engine.training.TrainingExample;
import dev.lightreasoner.engine.training.TrainingExamples;
import java.util.ArrayList;
import java.util.List;

/**
 * Causal-LM training data for from-scratch pretraining: the prompt is context only, and every answer token
 * is a one-hot target at its position (loss on the answer). Each (prompt, answer) pair is one trajectory, so
 * packed training reads it in one forward pass.
 */
public final class Pretraining {
    private Pretraining() {
    }

    public static List<TrainingExample> examples(List<int[]> prompts, List<int[]> answers) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + answers.size() + " answers");
        }
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.addAll(TrainingExamples.solution(i, prompts.get(i), answers.get(i)));
        }
        return out;
    }
}
