package dev.lightreasoner.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** The first forward of a generation: prompts prefilled in length groups, the cache assembled as one batch. */
final class GroupedPrefill {
    private GroupedPrefill() {
    }

    /**
     * Runs each prompt through the decoder into an empty cache and returns the hidden state of its last token,
     * (B, D) in {@code m}. Prompts are prefilled in groups of similar length ({@link PrefillGroups}), so little of
     * the work is padding; the cache is then assembled as one left-padded batch, as a single forward would leave
     * it (padding positions hold zeros and are masked), for decoding the whole batch together.
     */
    static NDArray run(Decoder decoder, NDManager m, List<int[]> prompts, KvCache cache) {
        int b = prompts.size();
        int layers = decoder.config().layers();
        int[] lengths = prompts.stream().mapToInt(p -> p.length).toArray();
        List<int[]> groups = PrefillGroups.of(lengths);
        if (groups.size() == 1) {
            return forwardLeftPadded(decoder, m, prompts, cache).get(":, -1, :");
        }
        int width = CausalLm.maxLength(prompts);
        long[] sourceRow = new long[b];                     // row i of the batch = row sourceRow[i] in group order
        NDList lastRows = new NDList();
        List<NDList> keys = new ArrayList<>();
        List<NDList> values = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            keys.add(new NDList());
            values.add(new NDList());
        }
        try (NDManager scope = m.newSubManager()) {
            int done = 0;
            for (int[] rows : groups) {
                List<int[]> members = new ArrayList<>(rows.length);
                for (int r : rows) {
                    members.add(prompts.get(r));
                    sourceRow[r] = done++;
                }
                KvCache part = decoder.newCache();
                lastRows.add(forwardLeftPadded(decoder, scope, members, part).get(":, -1, :"));
                long missing = width - part.length();
                for (int l = 0; l < layers; l++) {
                    keys.get(l).add(leftPadded(part.keys[l], missing));
                    values.get(l).add(leftPadded(part.values[l], missing));
                }
            }
            NDArray order = m.create(sourceRow);
            for (int l = 0; l < layers; l++) {        // one layer at a time: the peak is one layer's copies
                cache.keys[l] = inOrder(keys.get(l), order, m);
                cache.values[l] = inOrder(values.get(l), order, m);
                cache.filled[l] = width;
            }
            cache.real = leftPaddedReal(prompts, width);
            cache.nextPosition = lengths;
            NDArray last = NDArrays.concat(lastRows, 0).get(order);
            last.attach(m);
            return last;
        }
    }

    /** One forward of prompts left-padded to the longest; returns (B, P, D). */
    private static NDArray forwardLeftPadded(Decoder decoder, NDManager m, List<int[]> prompts, KvCache cache) {
        int width = CausalLm.maxLength(prompts);
        int[][] ids = new int[prompts.size()][width];
        for (int i = 0; i < prompts.size(); i++) {
            int[] prompt = prompts.get(i);
            System.arraycopy(prompt, 0, ids[i], width - prompt.length, prompt.length);
        }
        return decoder.forward(m, ids, leftPaddedReal(prompts, width), cache);
    }

    private static boolean[][] leftPaddedReal(List<int[]> prompts, int width) {
        boolean[][] real = new boolean[prompts.size()][width];
        for (int i = 0; i < prompts.size(); i++) {
            java.util.Arrays.fill(real[i], width - prompts.get(i).length, width, true);
        }
        return real;
    }

    /** (B, KV, T, hd) with {@code missing} zero positions in front; the unpadded array is closed. */
    private static NDArray leftPadded(NDArray cached, long missing) {
        if (missing == 0) {
            return cached;
        }
        Shape shape = cached.getShape();
        try (NDArray zeros = cached.getManager().zeros(new Shape(shape.get(0), shape.get(1), missing, shape.get(3)),
                cached.getDataType())) {
            NDArray padded = zeros.concat(cached, 2);
            cached.close();
            return padded;
        }
    }

    /** The groups' arrays as one batch in the callers' row order, owned by {@code m}; the parts are closed. */
    private static NDArray inOrder(NDList parts, NDArray order, NDManager m) {
        try (NDArray all = NDArrays.concat(parts, 0)) {
            NDArray ordered = all.get(order);
            parts.close();
            ordered.attach(m);
            return ordered;
        }
    }

}
