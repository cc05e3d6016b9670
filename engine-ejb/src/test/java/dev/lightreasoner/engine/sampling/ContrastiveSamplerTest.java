package dev.lightreasoner.engine.sampling;

import static dev.lightreasoner.engine.Distributions.softmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.contrast.StepContrast;
import dev.lightreasoner.engine.model.CausalLm;
import dev.lightreasoner.engine.model.Decoding;
import dev.lightreasoner.engine.model.TinyModels;
import dev.lightreasoner.engine.text.ChatPrompts;
import dev.lightreasoner.engine.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A sampled expert (docs/method.md B4): each token lies in the nucleus it was drawn from, π_E is that warped
     * distribution (checked against transformers' temperature and top-p warpers written out here), the KL and labels
     * follow from it, and a question's trajectory depends on (seed, question) only: not on its batch, not on a rerun.
     */
    @Test
    void sampledTrajectoriesUseTheWarpedDistributionAndOneStreamPerQuestion() throws IOException {
        Path expertDir = TinyModels.write(dir.resolve("expert-s"), TinyModels.Spec.qwen2(), 7, 0.3);
        Path amateurDir = TinyModels.write(dir.resolve("amateur-s"), TinyModels.Spec.qwen2().withLayers(1), 7, 0.3);
        double temperature = 1.3;
        double topP = 0.9;
        try (CausalLm expert = CausalLm.load(expertDir); CausalLm amateur = CausalLm.load(amateurDir);
             TextTokenizer tok = TextTokenizer.load(expertDir)) {
            List<int[]> prompts = new ArrayList<>();
            for (String q : new String[] {"What is 2+3?", "Tom has 5 apples and eats 2. How many are left?", "1+1"}) {
                prompts.add(tok.encode(ChatPrompts.CHATML.sampling(q)));
            }
            long[] questions = {40, 41, 42};
            ContrastiveSampler sampler = new ContrastiveSampler(expert, amateur, 0.2, 1.5, 16,
                    new Decoding(temperature, topP, 9));
            List<ContrastiveSampler.Outcome> outcomes = sampler.sample(prompts, questions);
            int differFromGreedy = 0;
            for (int i = 0; i < prompts.size(); i++) {
                int[] prompt = prompts.get(i);
                ContrastiveSampler.Outcome o = outcomes.get(i);
                if (!Arrays.equals(o.trajectory(), expert.generate(prompt, 16, expert.config().eosIds()))) {
                    differFromGreedy++;
                }
                int next = 0;
                for (int t = 0; t < o.trajectory().length; t++) {
                    int[] prefix = Arrays.copyOf(prompt, prompt.length + t);
                    System.arraycopy(o.trajectory(), 0, prefix, prompt.length, t);
                    double[] pE = warped(lastLogits(expert.logits(prefix)), temperature, topP);
                    assertTrue(pE[o.trajectory()[t]] > 0, "question " + i + " step " + t + " drew inside the nucleus");
                    if (t == 0) {
                        continue;
                    }
                    StepContrast ref = StepContrast.of(pE, last(amateur.logits(prefix)), 0.2);
                    assertEquals(ref.kl(), o.stepKl()[t - 1], 1e-4, "question " + i + " step " + t);
                    if (Math.abs(ref.kl() - 1.5) > 1e-3 && ref.keptAt(1.5)) {
                        ContrastiveSampler.KeptStep k = o.kept().get(next++);
                        assertEquals(t, k.step());
                        assertArrayEquals(ref.tokenIds(), k.tokenIds());
                        assertArrayEquals(ref.weights(), k.weights(), 1e-4);
                    }
                }
            }
            assertTrue(differFromGreedy > 0, "sampling is not greedy decoding");
            ContrastiveSampler.Outcome alone = sampler.sample(List.of(prompts.get(1)), new long[] {41}).get(0);
            assertArrayEquals(outcomes.get(1).trajectory(), alone.trajectory(), "the same draws without the batch");
            assertArrayEquals(outcomes.get(1).stepKl(), alone.stepKl(), 1e-5);
            assertArrayEquals(outcomes.get(0).trajectory(), sampler.sample(prompts, questions).get(0).trajectory(),
                    "a rerun (restart) draws the same");
            List<ContrastiveSampler.Outcome> otherSeed = new ContrastiveSampler(expert, amateur, 0.2, 1.5, 16,
                    new Decoding(temperature, topP, 10)).sample(prompts, questions);
            boolean anyDiffers = false;
            for (int i = 0; i < prompts.size(); i++) {
                anyDiffers |= !Arrays.equals(outcomes.get(i).trajectory(), otherSeed.get(i).trajectory());
            }
            assertTrue(anyDiffers, "another seed draws differently");
        }
    }

    /** transformers' warpers: logits / T, then top-p (sorted ascending, drop while the cumulative mass ≤ 1 − p). */
    private static double[] warped(double[] logits, double temperature, double topP) {
        int n = logits.length;
        double[] scaled = new double[n];
        for (int v = 0; v < n; v++) {
            scaled[v] = logits[v] / temperature;
        }
        double[] p = softmax(scaled);
        Integer[] ascending = new Integer[n];
        for (int v = 0; v < n; v++) {
            ascending[v] = v;
        }
        Arrays.sort(ascending, (a, b) -> Double.compare(p[a], p[b]));
        boolean[] removed = new boolean[n];
        double cumulative = 0;
        for (int k = 0; k < n - 1; k++) {                 // the most likely token always stays
            cumulative += p[ascending[k]];
            removed[ascending[k]] = cumulative <= 1 - topP;
        }
        double kept = 0;
        for (int v = 0; v < n; v++) {
            kept += removed[v] ? 0 : p[v];
        }
        double[] out = new double[n];
        for (int v = 0; v < n; v++) {
            out[v] = removed[v] ? 0 : p[v] / kept;
        }
        return out;
    }

    private static double[] lastLogits(float[][] logits) {
        float[] row = logits[logits.length - 1];
        double[] out = new double[row.length];
        for (int v = 0; v < row.length; v++) {
            out[v] = row[v];
        }
        return out;
    }

    private static double[] last(float[][] logits) {
        return softmax(logits[logits.length - 1]);
    }
}
