package dev.lightreasoner.engine.model;

import java.util.Arrays;
import java.util.List;

/**
 * The sequences still generating: batch row r holds sequence {@code alive[r]}; finished rows leave the batch
 * (and the cache), so later steps compute only live sequences. Before the first token the batch holds only the
 * prompts (the prefill reads them); afterwards each row's input is its last token.
 */
final class LiveBatch {
    final List<int[]> prompts;
    int[] alive;
    int[][] inputIds;           // null until the prefill has run
    boolean[][] inputReal;
    final int[][] out;
    final int[] lengths;

    LiveBatch(List<int[]> prompts, int maxNewTokens) {
        this.prompts = prompts;
        this.alive = new int[prompts.size()];
        Arrays.setAll(alive, i -> i);
        this.out = new int[prompts.size()][maxNewTokens];
        this.lengths = new int[prompts.size()];
    }

    boolean prefilled() {
        return inputIds != null;
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
