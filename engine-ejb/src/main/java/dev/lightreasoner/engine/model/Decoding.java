package dev.lightreasoner.engine.model;

import java.util.Arrays;
import java.util.Random;

/**
 * How the next token is chosen: greedy (temperature 0), or drawn from the warped distribution —
 * softmax(logits / temperature) restricted to the top-p nucleus and renormalised, zeros outside, as the
 * temperature and top-p warpers of transformers leave it. Each sequence draws from its own stream, seeded
 * by (seed, stream key), so a sequence's draws depend neither on the others in its batch nor on restarts.
 */
public record Decoding(double temperature, double topP, long seed) {
    public static final Decoding GREEDY = new Decoding(0, 1, 0);

    public Decoding {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0: " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1]: " + topP);
        }
    }

    public boolean greedy() {
        return temperature == 0;
    }

    /** The generator of one stream (a question, or one draw of a question): a function of (seed, key) only. */
    Random generatorFor(long key) {
        long z = seed * 0x9E3779B97F4A7C15L + key;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return new Random(z ^ (z >>> 27));
    }

    /**
     * The warped distribution of one row of logits. The nucleus is the smallest set of most likely tokens
     * whose mass reaches top_p (ties with its least likely member are kept too).
     */
    public float[] warp(float[] logits, int offset, int width) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < width; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double[] p = new double[width];
        double sum = 0;
        for (int v = 0; v < width; v++) {
            p[v] = Math.exp((logits[offset + v] - max) / temperature);
            sum += p[v];
        }
        double threshold = 0;
        if (topP < 1) {
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            double cumulative = 0;
            for (int k = width - 1; k >= 0; k--) {
                cumulative += sorted[k] / sum;
                threshold = sorted[k];
                if (cumulative >= topP) {
                    break;
                }
            }
        }
        double kept = 0;
        for (int v = 0; v < width; v++) {
            if (p[v] >= threshold) {
                kept += p[v];
            }
        }
        float[] warped = new float[width];
        for (int v = 0; v < width; v++) {
            warped[v] = p[v] >= threshold ? (float) (p[v] / kept) : 0f;
        }
        return warped;
    }

    /** Draws an id from a warped row, walking ids in order (so the draw does not depend on sorting ties). */
    static int draw(float[] probabilities, Random random) {
        double total = 0;
        for (float q : probabilities) {
            total += q;
        }
        double u = random.nextDouble() * total;
        int last = 0;
        for (int v = 0; v < probabilities.length; v++) {
            if (probabilities[v] > 0) {
                last = v;
                u -= probabilities[v];
                if (u < 0) {
                    return v;
                }
            }
        }
        return last;
    }
}
