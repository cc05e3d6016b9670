package dev.lightreasoner.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A causal language model loaded from a Hugging Face folder: logits, teacher-forced log-probabilities and
 * greedy or sampled generation with the KV cache, for one sequence or a batch.
 *
 * <p>Array-returning batch methods work in the caller's manager (which must be on {@link #device()}); the
 * plain-Java methods run in their own manager, closed before returning, so repeated calls do not grow
 * native memory. Intermediate activations of each step live in a sub-manager closed at the step's end.
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
        return load(folder, device, Precision.FP32);
    }

    public static CausalLm load(Path folder, Device device, Precision precision) {
        try {
            return new CausalLm(Decoder.load(folder, ModelConfig.load(folder), device, precision));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + folder + ": " + e.getMessage(), e);
        }
    }

    public ModelConfig config() {
        return decoder.config();
    }

    public Device device() {
        return decoder.device();
    }

    public Precision precision() {
        return decoder.precision();
    }

    /** Logits width (config vocab_size; may exceed the tokenizer's ids). */
    public int vocabSize() {
        return config().vocabSize();
    }

    /** A manager on this model's device, for the array-returning methods. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device());
    }

    /** Logits at every position (row t predicts token t+1), full vocabulary. */
    public float[][] logits(int[] tokenIds) {
        requireTokens(tokenIds);
        try (NDManager m = newManager()) {
            NDArray hidden = decoder.forward(m, new int[][] {tokenIds}, allReal(1, tokenIds.length), decoder.newCache());
            NDArray logits = decoder.logits(hidden.squeeze(0));                 // (T, V)
            return rows(logits, tokenIds.length, vocabSize());
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
        try (NDManager m = newManager()) {
            NDArray hidden = decoder.forward(m, new int[][] {tokenIds}, allReal(1, tokenIds.length), decoder.newCache());
            NDArray picked = hidden.squeeze(0).get(m.create(rows));                 // (N, D)
            NDArray logProbs = decoder.logits(picked).logSoftmax(-1);               // (N, V)
            return rows(logProbs, positions.length, vocabSize());
        }
    }

    /**
     * Batched teacher-forced scoring in one forward pass over each prompt + continuation: returns
     * log-probabilities (B, C, V) in {@code m}, where C is the longest continuation and row t of sequence i
     * is the distribution of {@code continuations[i][t]} given {@code prompts[i] ++ continuations[i][0..t)}.
     * Rows at or beyond a shorter continuation's length are padding (meaningless).
     *
     * <p>Prompts are left-padded so every continuation starts at the same column; continuations are
     * right-padded. Both paddings are masked, and positions count real tokens only, so each row equals the
     * unbatched result.
     */
    public NDArray continuationLogProbs(NDManager m, List<int[]> prompts, List<int[]> continuations) {
        requireSameDevice(m);
        if (prompts.size() != continuations.size() || prompts.isEmpty()) {
            throw new IllegalArgumentException("need one continuation per prompt (got " + prompts.size() + " prompts, "
                    + continuations.size() + " continuations)");
        }
        int b = prompts.size();
        int p = maxLength(prompts);
        int c = maxLength(continuations);
        if (c == 0) {
            throw new IllegalArgumentException("every continuation is empty");
        }
        int width = p + c - 1;                       // the last continuation token is never an input
        int[][] ids = new int[b][width];
        boolean[][] real = new boolean[b][width];
        for (int i = 0; i < b; i++) {
            int[] prompt = prompts.get(i);
            int[] cont = continuations.get(i);
            requireTokens(prompt);
            requireIds(cont);
            for (int j = 0; j < prompt.length; j++) {
                ids[i][p - prompt.length + j] = prompt[j];
                real[i][p - prompt.length + j] = true;
            }
            for (int j = 0; j < cont.length - 1; j++) {
                ids[i][p + j] = cont[j];
                real[i][p + j] = true;
            }
        }
        try (NDManager step = m.newSubManager()) {
            NDArray hidden = decoder.forward(step, ids, real, decoder.newCache());          // (B, W, D)
            NDArray rows = hidden.get(":, " + (p - 1) + ":" + (p - 1 + c) + ", :");       // (B, C, D)
            NDArray logProbs = decoder.logits(rows).logSoftmax(-1);                         // (B, C, V)
            logProbs.attach(m);
            return logProbs;
        }
    }

    /** Batched generation: the generated ids of each sequence and, when asked, π at every step. */
    public record Trajectories(int[][] tokens, NDArray probabilities) {
    }

    /**
     * Greedy continuation of a batch with the KV cache. Each sequence stops after a stop id (included) or
     * after {@code maxNewTokens}. With {@code keepProbabilities}, {@link Trajectories#probabilities()} is a
     * (B, T, V) fp32 array in {@code m}: row t of sequence i is the softmax that produced {@code tokens[i][t]}
     * (rows beyond a sequence's length are meaningless).
     */
    public Trajectories generate(NDManager m, List<int[]> prompts, int maxNewTokens, int[] stopIds,
                                 boolean keepProbabilities) {
        return generate(m, prompts, maxNewTokens, stopIds, keepProbabilities, Decoding.GREEDY);
    }

    /** {@link #generate(NDManager, List, int, int[], boolean)} with greedy or sampled decoding, stream = index in the call. */
    public Trajectories generate(NDManager m, List<int[]> prompts, int maxNewTokens, int[] stopIds,
                                 boolean keepProbabilities, Decoding decoding) {
        long[] streams = new long[prompts.size()];
        Arrays.setAll(streams, i -> i);
        return generate(m, prompts, maxNewTokens, stopIds, keepProbabilities, decoding, streams);
    }

    /**
     * Generation where sequence i draws from the stream {@code streams[i]} of the decoding's seed (e.g. its
     * question index), so its tokens do not depend on the batch it shares. When sampled, the kept π at each step
     * is the warped distribution the token was drawn from.
     */
    public Trajectories generate(NDManager m, List<int[]> prompts, int maxNewTokens, int[] stopIds,
                                 boolean keepProbabilities, Decoding decoding, long[] streams) {
        requireRequest(m, prompts, maxNewTokens, streams);
        LiveBatch batch = new LiveBatch(prompts, maxNewTokens);
        Random[] generators = generatorsFor(decoding, streams);
        StepProbabilities kept = keepProbabilities ? new StepProbabilities() : null;
        KvCache cache = decoder.newCache();
        try (NDManager call = m.newSubManager()) {
            for (int t = 0; t < maxNewTokens && batch.size() > 0; t++) {
                int[] finished = decodeOneToken(call, batch, cache, decoding, generators, kept, stopIds);
                if (finished.length > 0 && t + 1 < maxNewTokens) {
                    batch.drop(finished, cache);                        // compact: finished rows leave the batch
                }
            }
            NDArray stacked = kept == null ? null : kept.bySequence(call, prompts.size());
            if (stacked != null) {
                stacked.attach(m);
            }
            return new Trajectories(batch.tokens(), stacked);
        }
    }

    /** One forward step of the live rows: picks each row's next token, keeps π when asked; returns the rows that finished. */
    private int[] decodeOneToken(NDManager call, LiveBatch batch, KvCache cache, Decoding decoding,
                                 Random[] generators, StepProbabilities kept, int[] stopIds) {
        try (NDManager step = call.newSubManager()) {
            NDArray last = batch.prefilled()                                    // (rows, D)
                    ? decoder.forward(step, batch.inputIds, batch.inputReal, cache).get(":, -1, :")
                    : GroupedPrefill.run(decoder, step, batch.prompts, cache);
            keepCache(cache, call);
            NDArray logits = decoder.logits(last);                               // (rows, V)
            long[] next = new long[batch.size()];
            NDArray probs = decoding.greedy() ? greedy(logits, next, kept != null)
                    : sample(logits, batch.alive, decoding, generators, next, kept != null);
            if (kept != null) {
                kept.add(probs, batch.alive, call);
            }
            return batch.append(next, stopIds);
        }
    }

    private static Random[] generatorsFor(Decoding decoding, long[] streams) {
        Random[] generators = new Random[streams.length];
        for (int i = 0; i < generators.length && !decoding.greedy(); i++) {
            generators[i] = decoding.generatorFor(streams[i]);
        }
        return generators;
    }

    private void requireRequest(NDManager m, List<int[]> prompts, int maxNewTokens, long[] streams) {
        requireSameDevice(m);
        if (streams.length != prompts.size()) {
            throw new IllegalArgumentException("need one stream per prompt (got " + streams.length + " for "
                    + prompts.size() + " prompts)");
        }
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be > 0: " + maxNewTokens);
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("at least one prompt is required");
        }
        requireContext(prompts, maxNewTokens);
        prompts.forEach(this::requireTokens);
    }

    /** Fills {@code next} with each row's argmax; returns the softmax rows when they are kept. */
    private static NDArray greedy(NDArray logits, long[] next, boolean keepProbabilities) {
        System.arraycopy(logits.argMax(-1).toLongArray(), 0, next, 0, next.length);
        return keepProbabilities ? logits.softmax(-1) : null;
    }

    /** Fills {@code next} with draws from each row's warped distribution; returns those rows when they are kept. */
    private NDArray sample(NDArray logits, int[] alive, Decoding decoding, Random[] generators, long[] next,
                           boolean keepProbabilities) {
        float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
        int width = vocabSize();
        float[] warpedRows = keepProbabilities ? new float[alive.length * width] : null;
        for (int r = 0; r < alive.length; r++) {
            float[] warped = decoding.warp(flat, r * width, width);
            next[r] = Decoding.draw(warped, generators[alive[r]]);
            if (keepProbabilities) {
                System.arraycopy(warped, 0, warpedRows, r * width, width);
            }
        }
        return keepProbabilities ? logits.getManager().create(warpedRows, new Shape(alive.length, width))
                : null;
    }

    /**
     * Greedy continuation with the KV cache: stops after a stop id (included in the result) or after
     * {@code maxNewTokens}; with no stop ids it returns exactly {@code maxNewTokens} tokens.
     */
    public int[] generate(int[] promptIds, int maxNewTokens, int... stopIds) {
        try (NDManager m = newManager()) {
            return generate(m, List.of(promptIds), maxNewTokens, stopIds, false).tokens()[0];
        }
    }

    /** Moves the cache's arrays to the call's manager so the step manager can be closed. */
    private static void keepCache(KvCache cache, NDManager owner) {
        for (int l = 0; l < cache.keys.length; l++) {
            cache.keys[l].attach(owner);
            cache.values[l].attach(owner);
        }
    }

    /** A prompt plus its new tokens must fit the positions the model was trained for. */
    private void requireContext(List<int[]> prompts, int maxNewTokens) {
        int limit = decoder.config().maxPositions();
        for (int i = 0; i < prompts.size(); i++) {
            if ((long) prompts.get(i).length + maxNewTokens > limit) {
                throw new IllegalArgumentException("prompt " + i + " of the batch has " + prompts.get(i).length
                        + " tokens; with maxNewTokens " + maxNewTokens + " it exceeds the model's context of " + limit
                        + " positions (max_position_embeddings)");
            }
        }
    }

    private void requireSameDevice(NDManager m) {
        if (!m.getDevice().equals(device())) {
            throw new IllegalArgumentException("the manager is on " + m.getDevice() + " but the model is on " + device());
        }
    }

    private void requireTokens(int[] ids) {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("at least one token id is required");
        }
        requireIds(ids);
    }

    private void requireIds(int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                        + vocabSize() + ")");
            }
        }
    }

    static int maxLength(List<int[]> sequences) {
        int max = 0;
        for (int[] s : sequences) {
            max = Math.max(max, s.length);
        }
        return max;
    }

    private static boolean[][] allReal(int b, int length) {
        boolean[][] real = new boolean[b][length];
        for (boolean[] row : real) {
            Arrays.fill(row, true);
        }
        return real;
    }

    static boolean contains(int[] ids, int id) {
        for (int i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }

    /** Copies the first n rows of a (n, width) array to Java. */
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
