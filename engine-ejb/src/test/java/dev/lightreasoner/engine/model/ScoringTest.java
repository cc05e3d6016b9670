package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScoringTest {
    private static final Path MODEL = Path.of("src/test/resources/hf-parity/tiny-qwen2");
    private static final int[] IDS = {257, 117, 115, 101, 114, 10, 50, 43, 50, 61};

    /** The LM head at selected rows gives the log-softmax of the full pass's logits at those rows. */
    @Test
    void logProbsAtPositionsEqualLogSoftmaxOfFullLogits() {
        try (CausalLm lm = CausalLm.load(MODEL)) {
            float[][] logits = lm.logits(IDS);
            int[] positions = {9, 3, 0};
            float[][] lp = lm.logProbs(IDS, positions);
            for (int i = 0; i < positions.length; i++) {
                float[] row = logits[positions[i]];
                double max = Double.NEGATIVE_INFINITY;
                for (float v : row) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (float v : row) {
                    sum += Math.exp(v - max);
                }
                double logZ = max + Math.log(sum);
                for (int v = 0; v < row.length; v++) {
                    assertEquals(row[v] - logZ, lp[i][v], 1e-4, "position " + positions[i] + " token " + v);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> lm.logProbs(IDS, new int[] {10}));
            assertThrows(IllegalArgumentException.class, () -> lm.logits(new int[] {300}));
        }
    }
}
