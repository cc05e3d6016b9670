package dev.lightreasoner.engine.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as torch.optim.AdamW computes it (decoupled weight decay, bias corrections), with global-norm gradient
 * clipping as torch.nn.utils.clip_grad_norm_. Moments are plain arrays so a checkpoint can store them.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> params;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long step;

    public AdamW(List<NDArray> params, double beta1, double beta2, double eps, double weightDecay) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (NDArray p : params) {
            NDManager m = p.getManager();
            first.add(m.zeros(p.getShape(), p.getDataType()));
            second.add(m.zeros(p.getShape(), p.getDataType()));
        }
    }

    public static AdamW defaults(List<NDArray> params) {
        return new AdamW(params, 0.9, 0.999, 1e-8, 0.0);
    }

    /** The L2 norm of all gradients, then scales them so it is at most maxNorm (no-op when maxNorm <= 0). */
    public double clipGradients(double maxNorm) {
        try (NDScope scope = new NDScope()) {         // every temporary (and gradient handle) is freed here
            double total = 0;
            for (NDArray p : params) {
                double n = p.getGradient().norm().getFloat();
                total += n * n;
            }
            double norm = Math.sqrt(total);
            double coef = maxNorm / (norm + 1e-6);
            if (maxNorm > 0 && coef < 1) {
                for (NDArray p : params) {
                    p.getGradient().muli((float) coef);
                }
            }
            return norm;
        }
    }

    /** One update with the given learning rate; gradients are zeroed afterwards. */
    public void update(double lr) {
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2 = 1 - Math.pow(beta2, step);
        // the temporaries would otherwise live in the parameters' long-lived manager until training ends: a
        // full-parameter pretraining grew by ~22 MB a step that way
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                updateOne(i, lr, bias1, bias2);
            }
        }
    }

    private void updateOne(int i, double lr, double bias1, double bias2) {
        NDArray p = params.get(i);
        NDArray g = p.getGradient();
        NDArray weights = p.stopGradient();          // same storage, outside autograd
        if (weightDecay != 0) {
            weights.muli((float) (1 - lr * weightDecay));
        }
        first.get(i).muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        second.get(i).muli((float) beta2).addi(g.square().mul((float) (1 - beta2)));
        NDArray denom = second.get(i).sqrt().div((float) Math.sqrt(bias2)).add((float) eps);
        weights.subi(first.get(i).div(denom).mul((float) (lr / bias1)));
        g.muli(0);
    }

    public long step() {
        return step;
    }

    public List<NDArray> parameters() {
        return params;
    }

    public List<NDArray> firstMoments() {
        return first;
    }

    public List<NDArray> secondMoments() {
        return second;
    }

    /** Restores moments and step from a checkpoint. */
    public void restore(long step, List<float[]> firstValues, List<float[]> secondValues) {
        this.step = step;
        for (int i = 0; i < params.size(); i++) {
            first.get(i).set(firstValues.get(i));
            second.get(i).set(secondValues.get(i));
        }
    }
}
