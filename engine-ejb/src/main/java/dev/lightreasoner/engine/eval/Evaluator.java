package dev.lightreasoner.engine.eval;

import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Zero-shot greedy evaluation of a batch: qwen25-math-cot prompt, stop on the model's eos ids and on
 * {@code <|im_end|>} / {@code <|endoftext|>} when the vocabulary has them — the same for every model (docs/method.md B8).
 */
public final class Evaluator {
    private final CausalLm model;
    private final TextTokenizer tokenizer;
    private final int maxNewTokens;
    private final int[] stopIds;
    private final ChatPrompts prompts;

    public Evaluator(CausalLm model, TextTokenizer tokenizer, ChatPrompts prompts, int maxNewTokens) {
        this.model = model;
        this.prompts = prompts;
        this.tokenizer = tokenizer;
        this.maxNewTokens = maxNewTokens;
        Set<Integer> stops = new LinkedHashSet<>();
        for (int id : model.config().eosIds()) {
            stops.add(id);
        }
        for (String token : new String[] {"<|im_end|>", "<|endoftext|>"}) {
            int id = tokenizer.specialTokenId(token);
            if (id >= 0) {
                stops.add(id);
            }
        }
        this.stopIds = stops.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An item's outcome: the generated text (stop token removed), the extracted answer and the grade. */
    public record Graded(Benchmarks.Item item, String output, String predicted, boolean correct, int generatedTokens) {
    }

    public List<Graded> evaluate(List<Benchmarks.Item> items) {
        List<int[]> prompts = new ArrayList<>(items.size());
        for (Benchmarks.Item item : items) {
            prompts.add(tokenizer.encode(this.prompts.evaluation(item.question())));
        }
        int[][] generated;
        try (NDManager m = model.newManager()) {
            generated = model.generate(m, prompts, maxNewTokens, stopIds, false).tokens();
        }
        List<Graded> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int[] ids = generated[i];
            int end = ids.length;
            if (end > 0 && contains(stopIds, ids[end - 1])) {
                end--;
            }
            String text = tokenizer.decode(java.util.Arrays.copyOf(ids, end));
            String predicted = MathAnswers.extract(text);
            out.add(new Graded(items.get(i), text, predicted, MathAnswers.equivalent(predicted, items.get(i).gold()),
                    ids.length));
        }
        return out;
    }

    private static boolean contains(int[] ids, int id) {
        for (int i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }
}
