package dev.lightreasoner.engine.model;

import java.util.Arrays;
import java.util.List;

/**
 * The sequences still generating: batch row r holds sequence {@code alive[r]}; finished rows leave the batch
 * (and the cache), so later steps compute only live sequences. Prompts start left-padded to a common length.
 */
final class LiveBatch {
    int[] alive;
    int[][] inputIds;
    boolean[][] inputReal;
    final int[][] out;
    final int[] lengths;

    private LiveBatch(int[][] inputIds, boolean[][] inputReal, int maxNewTokens) {
        this.inputIds = inputIds;
        this.inputReal = inputReal;
        this.alive = new int[inputIds.length];
        Arrays.setAll(alive, i -> i);
        this.out = new int[inputIds.length][maxNewTokens];
        this.lengths = new int[inputIds.length];
    }

    static LiveBatch leftPadded(List<int[]> prompts, int maxNewTokens) {
        int p = CausalLm.maxLength(prompts);
        int[][] ids = new int[prompts.size()][p];
        boolean[][] real = new boolean[prompts.size()][p];
        for (int i = 0; i < prompts.size(); i++) {
            int[] prompt = prompts.get(i);
            System.arraycopy(prompt, 0, ids[i], p - prompt.length, prompt.length);
            Arrays.fill(real[i], p - prompt.length, p, true);
        }
        return new LiveBatch(ids, real, maxNewTokens);
    }

    int size() {
        return alive.length;
    }

    /** Records each row's new token as its sequence's output and next input; returns the rows that stopped. */
    int[] append(long[] next, int[] stopIds) {
        inputIds = new int[alive.length][1];
        inputReal = new boolean[alive.length][1];
        int[] finished = new int[alive.length];
        int count = 0;
        for (int r = 0; r < alive.length; r++) {
            int sequence = alive[r];
            int id = (int) next[r];
            out[sequence][lengths[sequence]++] = id;
            inputIds[r][0] = id;
            inputReal[r][0] = true;
            if (CausalLm.contains(stopIds, id)) {
                finished[count++] = r;
            }
        }
        return Arrays.copyOf(finished, count);
    }

    /** Removes the finished rows (ascending) from the batch and from the KV cache. */
    void drop(int[] finished, KvCache cache) {
        int[] keep = new int[alive.length - finished.length];
        for (int r = 0, k = 0, f = 0; r < alive.length; r++) {
            if (f < finished.length && finished[f] == r) {
                f++;
            } else {
                keep[k++] = r;
            }
        }
        if (keep.length > 0) {
            cache.keepRows(keep);
        }
        int[] survivors = new int[keep.length];
        int[][] ids = new int[keep.length][];
        boolean[][] real = new boolean[keep.length][];
        for (int k = 0; k < keep.length; k++) {
            survivors[k] = alive[keep[k]];
            ids[k] = inputIds[keep[k]];
            real[k] = inputReal[keep[k]];
        }
        alive = survivors;
        inputIds = ids;
        inputReal = real;
    }

    int[][] tokens() {
        int[][] tokens = new int[out.length][];
        for (int i = 0; i < out.length; i++) {
            tokens[i] = Arrays.copyOf(out[i], lengths[i]);
        }
        return tokens;
    }
}
