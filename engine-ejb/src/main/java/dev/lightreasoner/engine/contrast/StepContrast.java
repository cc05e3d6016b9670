package dev.lightreasoner.engine.contrast;

/**
 * One sampling step's divergence and contrastive soft label (docs/method.md §5.3), written for clarity; the job's
 * batched path ({@link BatchContrast}) is tested equal to it.
 *
 * <ul>
 *   <li>both distributions are truncated to the smaller width, without renormalising;</li>
 *   <li>KL(π_E‖π_A) = Σ (p_E+ε)·[log(p_E+ε) − log(p_A+ε)] with ε = 1e-12;</li>
 *   <li>plausible set V = {v : p_E(v) ≥ α·max p_E};</li>
 *   <li>v_C = softmax over V of log(p_E+ε) − log(p_A+ε), token ids ascending.</li>
 * </ul>
 */
public final class StepContrast {
    public static final double EPSILON = 1e-12;

    private final double kl;
    private final int[] tokenIds;
    private final double[] weights;

    private StepContrast(double kl, int[] tokenIds, double[] weights) {
        this.kl = kl;
        this.tokenIds = tokenIds;
        this.weights = weights;
    }

    public static StepContrast of(double[] pExpert, double[] pAmateur, double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
        }
        int n = Math.min(pExpert.length, pAmateur.length);
        if (n == 0) {
            throw new IllegalArgumentException("empty distribution");
        }
        double kl = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < n; v++) {
            double e = pExpert[v] + EPSILON;
            kl += e * (Math.log(e) - Math.log(pAmateur[v] + EPSILON));
            max = Math.max(max, pExpert[v]);
        }
        double threshold = alpha * max;
        int count = 0;
        for (int v = 0; v < n; v++) {
            if (pExpert[v] >= threshold) {
                count++;
            }
        }
        int[] ids = new int[count];
        double[] scores = new double[count];
        double best = Double.NEGATIVE_INFINITY;
        for (int v = 0, i = 0; v < n; v++) {
            if (pExpert[v] >= threshold) {
                ids[i] = v;
                scores[i] = Math.log(pExpert[v] + EPSILON) - Math.log(pAmateur[v] + EPSILON);
                best = Math.max(best, scores[i]);
                i++;
            }
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            scores[i] = Math.exp(scores[i] - best);
            sum += scores[i];
        }
        for (int i = 0; i < count; i++) {
            scores[i] /= sum;
        }
        return new StepContrast(kl, ids, scores);
    }

    /** KL(π_E‖π_A) over the truncated vocabulary. */
    public double kl() {
        return kl;
    }

    /** The plausible set, ascending. */
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    /** The soft label over {@link #tokenIds()}, summing to 1. */
    public double[] weights() {
        return weights.clone();
    }

    public boolean keptAt(double beta) {
        return kl >= beta;
    }
}
