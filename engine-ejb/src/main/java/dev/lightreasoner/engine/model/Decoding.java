package dev.lightreasoner.engine.model;

import java.util.Arrays;
import java.util.Random;

/**
 * How the next token is chosen: greedy (temperature 0), or sampled from softmax(logits / temperature)
 * restricted to the top-p nucleus. Each sequence draws from its own generator, seeded by (seed, sequence
 * index in the call), so a sequence's draws do not depend on which others share its batch.
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

    Random generatorFor(int sequence) {
        long z = seed * 0x9E3779B97F4A7C15L + sequence;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return new Random(z ^ (z >>> 27));
    }

    /** Draws a token id from one row of logits. */
    int sample(float[] logits, int offset, int width, Random random) {
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
        Integer[] order = new Integer[width];
        for (int v = 0; v < width; v++) {
            order[v] = v;
            p[v] /= sum;
        }
        int keep = width;
        if (topP < 1) {
            final double[] probs = p;
            Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
            double cumulative = 0;
            for (int k = 0; k < width; k++) {
                cumulative += p[order[k]];
                if (cumulative >= topP) {
                    keep = k + 1;
                    break;
                }
            }
        }
        double mass = 0;
        for (int k = 0; k < keep; k++) {
            mass += p[order[k]];
        }
        double u = random.nextDouble() * mass;
        for (int k = 0; k < keep; k++) {
            u -= p[order[k]];
            if (u < 0) {
                return order[k];
            }
        }
        return order[keep - 1];
    }
}
