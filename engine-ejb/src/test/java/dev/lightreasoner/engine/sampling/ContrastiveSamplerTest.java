package dev.lightreasoner.engine.sampling;

import static dev.lightreasoner.engine.Distributions.softmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.contrast.StepContrast;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched one-pass sampler against the reference method written out plainly: for every step, a separate
 * forward of each model over prompt + the first t expert tokens, π from the last position (docs/method.md §5.2).
 */
class ContrastiveSamplerTest {
    @TempDir
    static Path dir;

    @Test
    void onePassBatchedSamplingEqualsThePerPrefixReference() throws IOException {
        Path expertDir = TinyModels.write(dir.resolve("expert"), TinyModels.Spec.qwen2(), 7, 0.3);
        Path amateurDir = TinyModels.write(dir.resolve("amateur"), TinyModels.Spec.qwen2().withLayers(1), 7, 0.3);
        try (CausalLm expert = CausalLm.load(expertDir); CausalLm amateur = CausalLm.load(amateurDir);
             TextTokenizer tok = TextTokenizer.load(expertDir)) {
            List<int[]> prompts = new ArrayList<>();
            for (String q : new String[] {"What is 2+3?", "Tom has 5 apples and eats 2. How many are left?", "1+1"}) {
                prompts.add(tok.encode(ChatPrompts.CHATML.sampling(q)));
            }
            double beta = 1.5;                                      // splits this pair's steps
            List<ContrastiveSampler.Outcome> outcomes =
                    new ContrastiveSampler(expert, amateur, 0.2, beta, 16).sample(prompts);
            int keptTotal = 0;
            int consideredTotal = 0;
            for (int i = 0; i < prompts.size(); i++) {
                int[] prompt = prompts.get(i);
                ContrastiveSampler.Outcome o = outcomes.get(i);
                assertArrayEquals(expert.generate(prompt, 16, expert.config().eosIds()), o.trajectory());
                assertEquals(o.trajectory().length - 1, o.stepsConsidered());
                consideredTotal += o.stepsConsidered();
                int next = 0;
                for (int t = 1; t < o.trajectory().length; t++) {
                    int[] prefix = new int[prompt.length + t];
                    System.arraycopy(prompt, 0, prefix, 0, prompt.length);
                    System.arraycopy(o.trajectory(), 0, prefix, prompt.length, t);
                    double[] pE = last(expert.logits(prefix));
                    double[] pA = last(amateur.logits(prefix));
                    StepContrast ref = StepContrast.of(pE, pA, 0.2);
                    assertEquals(ref.kl(), o.stepKl()[t - 1], 1e-4, "question " + i + " step " + t);
                    if (Math.abs(ref.kl() - beta) < 1e-3) {
                        continue;                                     // too close to call at fp32
                    }
                    if (ref.keptAt(beta)) {
                        ContrastiveSampler.KeptStep k = o.kept().get(next++);
                        assertEquals(t, k.step());
                        assertArrayEquals(ref.tokenIds(), k.tokenIds(), "question " + i + " step " + t);
                        assertArrayEquals(ref.weights(), k.weights(), 1e-4);
                        keptTotal++;
                    }
                }
                assertEquals(next, o.kept().size(), "no extra kept steps, question " + i);
            }
            assertTrue(keptTotal > 0 && keptTotal < consideredTotal, "both outcomes occur: " + keptTotal + "/" + consideredTotal);
        }
    }

    private static double[] last(float[][] logits) {
        return softmax(logits[logits.length - 1]);
    }
}
