package dev.lightreasoner.engine.model;

import static dev.lightreasoner.engine.Distributions.softmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampled decoding (for rejection-sampled SFT data): correct distribution, seeded, batch-independent. */
class DecodingTest {
    private static final int[] PROMPT = {257, 117, 115, 101, 114, 10, 50, 43};

    @TempDir
    static Path dir;

    private static CausalLm model() throws IOException {
        return CausalLm.load(TinyModels.write(dir.resolve("m"), TinyModels.Spec.qwen2(), 7, 0.15));
    }

    /** 2,000 first tokens drawn at temperature 1 follow softmax(logits) (each top token within 4 sigma). */
    @Test
    void drawsFollowTheModelDistribution() throws IOException {
        try (CausalLm lm = model(); NDManager m = lm.newManager()) {
            int n = 2000;
            List<int[]> prompts = new ArrayList<>(Collections.nCopies(n, PROMPT));
            int[][] drawn = lm.generate(m, prompts, 1, new int[0], false, new Decoding(1.0, 1.0, 3)).tokens();
            double[] p = softmax(lm.logits(PROMPT)[PROMPT.length - 1]);
            int[] counts = new int[p.length];
            for (int[] d : drawn) {
                counts[d[0]]++;
            }
            int checked = 0;
            for (int v = 0; v < p.length; v++) {
                if (p[v] > 0.02) {
                    double sigma = Math.sqrt(p[v] * (1 - p[v]) / n);
                    assertEquals(p[v], counts[v] / (double) n, 4 * sigma, "token " + v);
                    checked++;
                }
            }
            assertTrue(checked >= 2, "the distribution has several likely tokens: " + checked);
        }
    }

    @Test
    void seededAndIndependentOfTheBatch() throws IOException {
        try (CausalLm lm = model(); NDManager m = lm.newManager()) {
            Decoding d = new Decoding(0.8, 0.95, 11);
            int[][] alone = lm.generate(m, List.of(PROMPT), 20, new int[0], false, d).tokens();
            int[][] batch = lm.generate(m, List.of(PROMPT, new int[] {257, 60}, new int[] {257, 61, 62}), 20, new int[0],
                    false, d).tokens();
            assertArrayEquals(alone[0], batch[0], "sequence 0 draws the same with or without company");
            assertArrayEquals(batch[0], lm.generate(m, List.of(PROMPT), 20, new int[0], false, d).tokens()[0]);
            int[] otherSeed = lm.generate(m, List.of(PROMPT), 20, new int[0], false, new Decoding(0.8, 0.95, 12)).tokens()[0];
            assertFalse(java.util.Arrays.equals(alone[0], otherSeed), "another seed draws differently");
            // a vanishing nucleus keeps only the top token: greedy
            assertArrayEquals(lm.generate(PROMPT, 20), lm.generate(m, List.of(PROMPT), 20, new int[0], false,
                    new Decoding(1.0, 1e-9, 5)).tokens()[0]);
        }
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Decoding(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decoding(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Decoding(1, 1.5, 0));
    }
}
