package dev.lightreasoner.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.lightreasoner.engine.model.Tensors;

/**
 * KL(v_C ‖ softmax(logits)) summed over a group of examples and divided by {@code denominator} (the number of
 * examples in the optimizer step: "batchmean" over the whole accumulated batch).
 *
 * <p>Label vocabulary (docs/method.md B2, mirrored): only ids below {@code labelVocab} (the tokenizer's ordinary tokens,
 * 151,643 for Qwen2.5) are labels and the softmax runs over the first {@code labelVocab} logits; label mass on
 * special-token ids is dropped without renormalising, exactly as the reference fine-tuner does.
 */
public final class SoftLabelLoss {
    private SoftLabelLoss() {
    }

    /**
     * @param logits (N, V) logits of the supervised positions
     * @return a scalar array (differentiable through {@code logits})
     */
    public static NDArray sum(NDArray logits, int[][] ids, double[][] weights, int labelVocab, double denominator) {
        int n = ids.length;
        float[] dense = new float[n * labelVocab];
        double entropyTerm = 0;                      // Σ y log y: constant in the parameters, kept for the true value
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                if (ids[i][j] < labelVocab && weights[i][j] > 0) {
                    dense[i * labelVocab + ids[i][j]] += (float) weights[i][j];
                    entropyTerm += weights[i][j] * Math.log(weights[i][j]);
                }
            }
        }
        NDManager m = logits.getManager();
        NDArray y = Tensors.floats(m, dense, new Shape(n, labelVocab));
        NDArray logQ = logits.get(":, :" + labelVocab).logSoftmax(-1);
        NDArray crossEntropy = y.mul(logQ).sum().neg();
        return Tensors.dividedBy(crossEntropy.add((float) entropyTerm), denominator);
    }
}
