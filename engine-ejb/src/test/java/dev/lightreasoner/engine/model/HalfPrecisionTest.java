package dev.lightreasoner.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fp16 weights and products against fp32 on the Hugging Face parity fixtures: every logit within
 * {@link #RELATIVE_TOLERANCE} of the largest |logit|, and the reference's greedy ids, alone and batched — except
 * after a step where the reference's two best logits are closer than fp16 can tell apart (then both continuations
 * are right, and the test checks that the tie is that close).
 */
class HalfPrecisionTest {
    /** fp16 keeps 11 significant bits (a unit roundoff of 2^-11 ≈ 0.0005): 8 of those relative to the largest logit. */
    static final double RELATIVE_TOLERANCE = 0.004;
    private static final Path FIXTURES = Path.of("src/test/resources");

    @ParameterizedTest
    @MethodSource("dev.lightreasoner.engine.model.HfParityTest#fixtures")
    void fp16LogitsStayCloseAndGreedyIdsAreTheReferences(String model) throws Exception {
        Path folder = FIXTURES.resolve(model);
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        try (CausalLm full = CausalLm.load(folder, TestDevice.get());
             CausalLm half = CausalLm.load(folder, TestDevice.get(), Precision.FP16)) {
            for (JsonNode c : expected.get("cases")) {
                int[] ids = HfParityTest.ints(c.get("input_ids"));
                int[] greedy = HfParityTest.ints(c.get("greedy_16"));
                float[][] reference = full.logits(concat(ids, greedy));
                float[][] logits = half.logits(ids);
                double scale = 0;
                double worst = 0;
                for (int t = 0; t < ids.length; t++) {
                    for (int v = 0; v < logits[t].length; v++) {
                        scale = Math.max(scale, Math.abs(reference[t][v]));
                        worst = Math.max(worst, Math.abs(reference[t][v] - logits[t][v]));
                    }
                }
                assertTrue(worst <= RELATIVE_TOLERANCE * scale,
                        model + ": fp16 max |logit diff| " + worst + " against max |logit| " + scale);
                int[] alone = half.generate(ids, 16);
                int[][] batched;
                try (NDManager m = half.newManager()) {
                    batched = half.generate(m, List.of(ids, new int[] {ids[0]}), 16, new int[0], true).tokens();
                }
                for (int[] generated : new int[][] {alone, batched[0]}) {
                    int t = 0;
                    while (t < greedy.length && generated[t] == greedy[t]) {
                        t++;
                    }
                    if (t < greedy.length) {
                        // only a near-tie may go the other way; the continuations then differ
                        double margin = topTwoMargin(reference[ids.length - 1 + t]);
                        assertTrue(margin < 2 * RELATIVE_TOLERANCE * scale, model + ": fp16 chose " + generated[t]
                                + " over " + greedy[t] + " at step " + t + " where fp32 leads by " + margin);
                    }
                }
            }
        }
    }

    private static double topTwoMargin(float[] row) {
        float best = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float x : row) {
            if (x > best) {
                second = best;
                best = x;
            } else if (x > second) {
                second = x;
            }
        }
        return best - second;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp16", "FP16 ", "fp32"})
    void precisionNamesParse(String name) {
        assertEquals(name.trim().toLowerCase(), Precision.parse(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bf16", "", "half"})
    void otherPrecisionsAreRefusedByName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse(name));
        assertTrue(e.getMessage().contains("use fp32 or fp16"), e.getMessage());
    }
}
