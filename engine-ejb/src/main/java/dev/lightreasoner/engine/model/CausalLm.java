package dev.lightreasoner.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A causal language model loaded from a Hugging Face folder: full-sequence logits, and greedy generation
 * with the KV cache. Each call works in its own NDManager, closed before returning (no native growth).
 */
public final class CausalLm implements AutoCloseable {
    private final Decoder decoder;

    private CausalLm(Decoder decoder) {
        this.decoder = decoder;
    }

    /** Loads on the CPU. */
    public static CausalLm load(Path folder) {
        return load(folder, Device.cpu());
    }

    public static CausalLm load(Path folder, Device device) {
        try {
            return new CausalLm(Decoder.load(folder, ModelConfig.load(folder), device));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + folder + ": " + e.getMessage(), e);
        }
    }

    public ModelConfig config() {
        return decoder.config();
    }

    /** Logits at every position (row t predicts token t+1), full vocabulary. */
    public float[][] logits(int[] tokenIds) {
        requireTokens(tokenIds);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hidden = decoder.forward(m, new int[][] {tokenIds}, allReal(tokenIds.length), decoder.newCache());
            NDArray logits = decoder.logits(hidden.squeeze(0));                 // (T, V)
            return rows(logits, tokenIds.length, config().vocabSize());
        }
    }

    /**
     * Teacher-forced scoring in one forward pass: next-token log-probabilities at the given positions only
     * (row i is the distribution after {@code tokenIds[0..positions[i]]}); the LM head runs on those rows alone.
     */
    public float[][] logProbs(int[] tokenIds, int[] positions) {
        requireTokens(tokenIds);
        long[] rows = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0 || positions[i] >= tokenIds.length) {
                throw new IllegalArgumentException("position " + positions[i] + " is outside [0, " + tokenIds.length + ")");
            }
            rows[i] = positions[i];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hidden = decoder.forward(m, new int[][] {tokenIds}, allReal(tokenIds.length), decoder.newCache());
            NDArray picked = hidden.squeeze(0).get(m.create(rows));                 // (N, D)
            NDArray logProbs = decoder.logits(picked).logSoftmax(-1);               // (N, V)
            return rows(logProbs, positions.length, config().vocabSize());
        }
    }

    /**
     * Greedy continuation with the KV cache: stops after a stop id (included in the result) or after
     * {@code maxNewTokens}; with no stop ids it returns exactly {@code maxNewTokens} tokens.
     */
    public int[] generate(int[] promptIds, int maxNewTokens, int... stopIds) {
        requireTokens(promptIds);
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be > 0: " + maxNewTokens);
        }
        int[] out = new int[maxNewTokens];
        int n = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Decoder.Cache cache = decoder.newCache();
            int[][] step = {promptIds};
            while (n < maxNewTokens) {
                try (NDManager stepManager = m.newSubManager()) {
                    NDArray hidden = decoder.forward(stepManager, step, allReal(step[0].length), cache);
                    keepCache(cache, m);
                    NDArray last = hidden.get(":, -1, :");                      // (1, D)
                    int next = (int) decoder.logits(last).argMax(-1).toLongArray()[0];
                    out[n++] = next;
                    if (contains(stopIds, next)) {
                        break;
                    }
                    step = new int[][] {{next}};
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Moves the cache's arrays to the call's manager so the step manager can be closed. */
    private static void keepCache(Decoder.Cache cache, NDManager owner) {
        for (int l = 0; l < cache.keys.length; l++) {
            cache.keys[l].attach(owner);
            cache.values[l].attach(owner);
        }
    }

    private void requireTokens(int[] ids) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("at least one token id is required");
        }
        for (int id : ids) {
            if (id < 0 || id >= config().vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                        + config().vocabSize() + ")");
            }
        }
    }

    private static boolean[][] allReal(int length) {
        boolean[][] real = new boolean[1][length];
        Arrays.fill(real[0], true);
        return real;
    }

    private static boolean contains(int[] ids, int id) {
        for (int i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }

    private static float[][] rows(NDArray matrix, int n, int width) {
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }

    @Override
    public void close() {
        decoder.close();
    }
}
