package dev.lightreasoner.engine.model;

import static dev.lightreasoner.engine.Distributions.argmax;
import static dev.lightreasoner.engine.Distributions.softmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batched generation and scoring on random tiny models of every family: the cached, batched, left-padded
 * paths must equal the plain full forward of each sequence alone.
 */
class BatchedEngineTest {
    private static final double TOLERANCE = 1e-4;
    private static final List<int[]> PROMPTS = List.of(
            new int[] {257, 117, 115, 101, 114, 10, 50, 43, 50, 61},
            new int[] {257, 10, 51},
            new int[] {257, 117, 115, 101, 114, 10, 55, 42, 56, 61, 63, 258, 10, 257, 97});

    @TempDir
    static Path models;

    static Stream<TinyModels.Spec> families() {
        return Stream.of(TinyModels.Spec.qwen2(), TinyModels.Spec.llama(), TinyModels.Spec.qwen3());
    }

    private static CausalLm load(TinyModels.Spec spec) throws IOException {
        Path folder = models.resolve(spec.family());
        if (!Files.exists(folder.resolve("config.json"))) {
            TinyModels.write(folder, spec, 7, 0.5);
        }
        return CausalLm.load(folder, TestDevice.get());
    }

    /** KV-cache steps, batched and left-padded, give the full forward's distributions and its argmax. */
    @ParameterizedTest
    @MethodSource("families")
    void batchedCachedGenerationMatchesFullForwardOfEachSequence(TinyModels.Spec spec) throws IOException {
        try (CausalLm lm = load(spec); NDManager m = lm.newManager()) {
            CausalLm.Trajectories batch = lm.generate(m, PROMPTS, 12, new int[0], true);
            float[] probs = batch.probabilities().toFloatArray();
            int steps = (int) batch.probabilities().getShape().get(1);
            int v = lm.vocabSize();
            for (int i = 0; i < PROMPTS.size(); i++) {
                int[] prompt = PROMPTS.get(i);
                int[] tokens = batch.tokens()[i];
                assertEquals(12, tokens.length);
                assertArrayEquals(lm.generate(prompt, 12), tokens, "batched equals unbatched, sequence " + i);
                float[][] logits = lm.logits(concat(prompt, tokens));
                for (int t = 0; t < tokens.length; t++) {
                    double[] expected = softmax(logits[prompt.length - 1 + t]);
                    assertEquals(argmax(expected), tokens[t], "greedy = argmax of teacher-forced pass, step " + t);
                    for (int k = 0; k < v; k++) {
                        assertEquals(expected[k], probs[(i * steps + t) * v + k], TOLERANCE,
                                "sequence " + i + " step " + t + " token " + k);
                    }
                }
            }
        }
    }

    /**
     * Prompts of mixed lengths are prefilled in length groups (lengths 3 and 3, 9 and 10, 14 and 15) and the
     * cache assembled into one batch: every row still equals its sequence alone, through stops that shrink it.
     */
    @ParameterizedTest
    @MethodSource("families")
    void prefillInLengthGroupsMatchesEachSequenceAlone(TinyModels.Spec spec) throws IOException {
        List<int[]> prompts = List.of(PROMPTS.get(2), new int[] {257, 10, 52}, PROMPTS.get(0), PROMPTS.get(1),
                java.util.Arrays.copyOf(PROMPTS.get(2), 14), new int[] {257, 117, 115, 101, 114, 10, 57, 43, 57});
        assertEquals(3, PrefillGroups.of(prompts.stream().mapToInt(p -> p.length).toArray()).size());
        try (CausalLm lm = load(spec); NDManager m = lm.newManager()) {
            int stop = lm.generate(PROMPTS.get(1), 10)[4];
            CausalLm.Trajectories batch = lm.generate(m, prompts, 10, new int[] {stop}, true);
            float[] probs = batch.probabilities().toFloatArray();
            int steps = (int) batch.probabilities().getShape().get(1);
            int v = lm.vocabSize();
            for (int i = 0; i < prompts.size(); i++) {
                int[] prompt = prompts.get(i);
                int[] tokens = batch.tokens()[i];
                assertArrayEquals(lm.generate(prompt, 10, stop), tokens, "batched equals unbatched, sequence " + i);
                float[][] logits = lm.logits(concat(prompt, tokens));
                for (int t = 0; t < tokens.length; t++) {
                    double[] expected = softmax(logits[prompt.length - 1 + t]);
                    for (int k = 0; k < v; k++) {
                        assertEquals(expected[k], probs[(i * steps + t) * v + k], TOLERANCE,
                                "sequence " + i + " step " + t + " token " + k);
                    }
                }
            }
        }
    }

    /** Row t of the one-pass scoring is the distribution of continuation token t (not t-1). */
    @ParameterizedTest
    @MethodSource("families")
    void batchedContinuationScoringIsAlignedWithTheContinuation(TinyModels.Spec spec) throws IOException {
        try (CausalLm lm = load(spec); NDManager m = lm.newManager()) {
            List<int[]> continuations = List.of(new int[] {32, 50, 43}, new int[] {49, 50, 51, 52, 53, 54, 55},
                    new int[] {10});
            NDArray lp = lm.continuationLogProbs(m, PROMPTS, continuations);
            assertArrayEquals(new long[] {3, 7, lm.vocabSize()}, lp.getShape().getShape());
            float[] flat = lp.toFloatArray();
            int v = lm.vocabSize();
            for (int i = 0; i < PROMPTS.size(); i++) {
                int[] prompt = PROMPTS.get(i);
                int[] cont = continuations.get(i);
                int[] positions = new int[cont.length];
                for (int t = 0; t < cont.length; t++) {
                    positions[t] = prompt.length - 1 + t;    // the row that predicts cont[t]
                }
                float[][] expected = lm.logProbs(concat(prompt, cont), positions);
                for (int t = 0; t < cont.length; t++) {
                    for (int k = 0; k < v; k++) {
                        assertEquals(expected[t][k], flat[(i * 7 + t) * v + k], TOLERANCE,
                                "sequence " + i + " row " + t + " token " + k);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void eachSequenceStopsAtItsOwnStopId(TinyModels.Spec spec) throws IOException {
        try (CausalLm lm = load(spec); NDManager m = lm.newManager()) {
            int[][] free = lm.generate(m, PROMPTS, 10, new int[0], false).tokens();
            int stop = free[0][3];
            CausalLm.Trajectories run = lm.generate(m, PROMPTS, 10, new int[] {stop}, true);
            int[][] stopped = run.tokens();
            float[] probs = run.probabilities().toFloatArray();
            int steps = (int) run.probabilities().getShape().get(1);
            int v = lm.vocabSize();
            for (int i = 0; i < PROMPTS.size(); i++) {
                int end = indexOf(free[i], stop);
                int expectedLength = end < 0 ? 10 : end + 1;
                assertEquals(expectedLength, stopped[i].length, "sequence " + i);
                assertArrayEquals(java.util.Arrays.copyOf(free[i], expectedLength), stopped[i]);
                // finished sequences leave the batch; the survivors' distributions are unchanged
                float[][] logits = lm.logits(concat(PROMPTS.get(i), stopped[i]));
                for (int t = 0; t < stopped[i].length; t++) {
                    double[] expected = softmax(logits[PROMPTS.get(i).length - 1 + t]);
                    for (int k = 0; k < v; k++) {
                        assertEquals(expected[k], probs[(i * steps + t) * v + k], TOLERANCE, "sequence " + i + " step " + t);
                    }
                }
            }
            assertTrue(stopped[0].length <= 4);
            assertTrue(java.util.Arrays.stream(stopped).anyMatch(t -> t.length > stopped[0].length),
                    "some sequence outlives the first, so the batch shrinks mid-generation");
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void sameSpecAndSeedWriteTheSameBytes(TinyModels.Spec spec, @TempDir Path other) throws IOException {
        load(spec).close();
        TinyModels.write(other, spec, 7, 0.5);
        for (String file : new String[] {"model.safetensors", "config.json", "tokenizer.json"}) {
            assertArrayEquals(Files.readAllBytes(models.resolve(spec.family()).resolve(file)),
                    Files.readAllBytes(other.resolve(file)), file);
        }
        ModelConfig cfg = ModelConfig.load(other);
        assertEquals(spec.family(), cfg.modelType());
        assertEquals(spec.headDim(), cfg.headDim());
        assertEquals(spec.family().equals("qwen3"), cfg.qkNorm());
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(int[] ids, int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
