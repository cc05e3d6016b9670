package dev.lightreasoner.engine.contrast;

import static dev.lightreasoner.engine.Distributions.softmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepContrastTest {
    private static final double[] EXPERT_LOGITS = {2.0, 1.5, 0.2, -1.0, 0.0, -3.0};
    private static final double[] AMATEUR_LOGITS = {0.5, 2.5, 0.1, 0.3, -0.5, -2.0};

    /** The specification's worked example (§5.3). */
    @Test
    void workedExampleOfTheSpecification() {
        double[] pE = softmax(EXPERT_LOGITS);
        double[] pA = softmax(AMATEUR_LOGITS);
        assertArrayEquals(new double[] {0.509245, 0.308873, 0.084178, 0.025354, 0.068919, 0.003431}, pE, 1e-6);
        StepContrast c = StepContrast.of(pE, pA, 0.2);
        assertEquals(0.6215213746, c.kl(), 1e-9);
        assertTrue(c.keptAt(0.4));
        assertArrayEquals(new int[] {0, 1}, c.tokenIds());
        assertArrayEquals(new double[] {0.9241418200, 0.0758581800}, c.weights(), 1e-9);
    }

    @Test
    void singleTokenVocabularyIsOneHot() {
        StepContrast c = StepContrast.of(new double[] {1.0}, new double[] {1.0}, 0.2);
        assertArrayEquals(new int[] {0}, c.tokenIds());
        assertArrayEquals(new double[] {1.0}, c.weights());
        assertEquals(0.0, c.kl(), 1e-15);
    }

    @Test
    void equalDistributionsHaveZeroKlAndAreNotKept() {
        double[] p = softmax(EXPERT_LOGITS);
        StepContrast c = StepContrast.of(p, p.clone(), 0.2);
        assertEquals(0.0, c.kl(), 1e-15);
        assertFalse(c.keptAt(0.4));
        // equal distributions: every log-ratio is 0, so the label is uniform over the plausible set
        assertArrayEquals(new double[] {0.5, 0.5}, c.weights(), 1e-12);
    }

    /** Widths differ (Qwen2.5-Math-7B 152,064 vs 0.5B 151,936): the leading ids of the smaller width, no renormalising. */
    @Test
    void widerDistributionIsTruncatedWithoutRenormalising() {
        double[] pE = {0.5, 0.3, 0.1, 0.1};
        double[] pA = {0.2, 0.5, 0.3};
        StepContrast c = StepContrast.of(pE, pA, 0.2);
        double expected = 0;
        for (int v = 0; v < 3; v++) {
            double e = pE[v] + 1e-12;
            expected += e * (Math.log(e) - Math.log(pA[v] + 1e-12));
        }
        assertEquals(expected, c.kl(), 1e-15);
        assertArrayEquals(new int[] {0, 1, 2}, c.tokenIds());   // 0.1 >= 0.2 * 0.5; id 3 is cut off
    }

    /** The batched, on-device path gives the same KL, ids and weights as the clear one, row by row. */
    @Test
    void batchedPathEqualsStepContrast() {
        Random random = new Random(11);
        int rows = 70;
        int widthE = 40;
        int widthA = 37;
        float[] pe = new float[rows * widthE];
        float[] la = new float[rows * widthA];
        double[][] pE = new double[rows][];
        double[][] pA = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double sharp = 0.5 + 4 * random.nextDouble();
            float[] e = toFloat(softmax(randomLogits(random, widthE, sharp)));
            float[] a = toFloat(softmax(randomLogits(random, widthA, 1.0)));
            System.arraycopy(e, 0, pe, r * widthE, widthE);
            pE[r] = toDouble(e);
            pA[r] = new double[widthA];
            for (int v = 0; v < widthA; v++) {
                la[r * widthA + v] = (float) Math.log(a[v]);
                pA[r][v] = Math.exp(la[r * widthA + v]);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray expert = m.create(pe, new Shape(rows, widthE));
            NDArray amateur = m.create(la, new Shape(rows, widthA));
            BatchContrast.Result batch = BatchContrast.of(expert, amateur, 0.2, 0.4);
            int next = 0;
            int keptCount = 0;
            for (int r = 0; r < rows; r++) {
                StepContrast one = StepContrast.of(pE[r], pA[r], 0.2);
                assertEquals(one.kl(), batch.kl()[r], 1e-9, "row " + r);
                if (one.keptAt(0.4)) {
                    keptCount++;
                    BatchContrast.Kept k = batch.kept().get(next++);
                    assertEquals(r, k.row());
                    assertArrayEquals(one.tokenIds(), k.tokenIds(), "row " + r);
                    assertArrayEquals(one.weights(), k.weights(), 1e-9, "row " + r);
                }
            }
            assertEquals(keptCount, batch.kept().size());
            assertTrue(keptCount > 5 && keptCount < rows, "the data exercises both outcomes: " + keptCount);
        }
    }

    private static double[] randomLogits(Random random, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextGaussian() * scale;
        }
        return out;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
