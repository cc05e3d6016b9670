package dev.lightreasoner.engine.sampling;

import ai.djl.ndarray.NDManager;
import dev.lightreasoner.engine.eval.MathAnswers;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Rejection sampling for the SFT baseline: the expert draws {@code samples} solutions per question (seeded
 * temperature / top-p decoding, the sampling prompt), and those whose extracted answer equals the gold are
 * kept (distinct solutions only).
 */
public final class RejectionSampler {
    private final CausalLm expert;
    private final TextTokenizer tokenizer;
    private final int samples;
    private final double temperature;
    private final double topP;
    private final long seed;
    private final int maxNewTokens;

    public RejectionSampler(CausalLm expert, TextTokenizer tokenizer, int samples, double temperature, double topP,
                            long seed, int maxNewTokens) {
        this.expert = expert;
        this.tokenizer = tokenizer;
        this.samples = samples;
        this.temperature = temperature;
        this.topP = topP;
        this.seed = seed;
        this.maxNewTokens = maxNewTokens;
    }

    /** An accepted solution: its index among the draws, token ids (stop token included) and extracted answer. */
    public record Solution(int sample, int[] tokens, String answer) {
    }

    /** Draws for one question; the draws depend only on (seed, question index). */
    public List<Solution> accepted(long questionIndex, int[] promptIds, String gold) {
        Decoding decoding = new Decoding(temperature, topP, seed * 1_000_003L + questionIndex);
        int[][] drawn;
        try (NDManager m = expert.newManager()) {
            drawn = expert.generate(m, Collections.nCopies(samples, promptIds), maxNewTokens, expert.config().eosIds(),
                    false, decoding).tokens();
        }
        List<Solution> out = new ArrayList<>();
        List<int[]> seen = new ArrayList<>();
        for (int j = 0; j < drawn.length; j++) {
            int[] tokens = drawn[j];
            String answer = MathAnswers.extract(tokenizer.decode(tokens));
            if (MathAnswers.equivalent(answer, gold) && seen.stream().noneMatch(s -> Arrays.equals(s, tokens))) {
                seen.add(tokens);
                out.add(new Solution(j, tokens, answer));
            }
        }
        return out;
    }

    public int samples() {
        return samples;
    }
}
