package dev.lightreasoner.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rows of a batch grouped by prompt length for the prefill: a prefill of left-padded prompts computes every
 * padding position as if it were a token (a batch of 45- to 130-token prompts wastes a third of its products), so
 * the prompts are sorted by length and cut into groups whose padding stays at most {@link #MAX_PADDING_SHARE} of
 * what the group computes. Each group is one forward; decoding then runs the whole batch together.
 */
final class PrefillGroups {
    static final double MAX_PADDING_SHARE = 0.125;

    private PrefillGroups() {
    }

    /** Row indexes per group, shortest prompts first; every row appears once. */
    static List<int[]> of(int[] lengths) {
        Integer[] order = new Integer[lengths.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        long tokens = 0;
        for (int k = 0; k < order.length; k++) {
            long withRow = tokens + lengths[order[k]];
            long computed = (long) (k - start + 1) * lengths[order[k]];    // sorted: this row is the longest so far
            if (k > start && computed - withRow > MAX_PADDING_SHARE * computed) {
                groups.add(rows(order, start, k));
                start = k;
                withRow = lengths[order[k]];
            }
            tokens = withRow;
        }
        groups.add(rows(order, start, order.length));
        return groups;
    }

    private static int[] rows(Integer[] order, int from, int to) {
        int[] rows = new int[to - from];
        for (int i = from; i < to; i++) {
            rows[i - from] = order[i];
        }
        return rows;
    }
}
