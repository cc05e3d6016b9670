package dev.lightreasoner.engine.training;

import dev.lightreasoner.engine.training.SoftLabelTrainer.Layout;
import dev.lightreasoner.engine.training.SoftLabelTrainer.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three ways a micro-batch's examples become forward rows ({@link SoftLabelTrainer.Packing}). */
final class TrainingLayouts {
    private TrainingLayouts() {
    }

    /** One row per example (prompt + prefix), supervised at its last token. */
    static Layout perExample(List<TrainingExample> examples) {
        List<List<Segment>> rows = new ArrayList<>();
        int[] rowOf = new int[examples.size()];
        int[] column = new int[examples.size()];
        for (int e = 0; e < examples.size(); e++) {
            TrainingExample ex = examples.get(e);
            rowOf[e] = rows.size();
            column[e] = ex.length() - 1;
            rows.add(List.of(new Segment(e, sequence(ex))));
        }
        return new Layout(rows, rowOf, column);
    }

    /**
     * Examples end to end, first-fit by decreasing length into rows as long as the longest example: no padding
     * inside a row, and the row count is about total tokens / longest example.
     */
    static Layout paddingFree(List<TrainingExample> examples) {
        Integer[] byLength = new Integer[examples.size()];
        int capacity = 0;
        for (int e = 0; e < byLength.length; e++) {
            byLength[e] = e;
            capacity = Math.max(capacity, examples.get(e).length());
        }
        Arrays.sort(byLength, Comparator.comparingInt((Integer e) -> -examples.get(e).length()));
        List<List<Segment>> rows = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        int[] rowOf = new int[examples.size()];
        int[] column = new int[examples.size()];
        for (int e : byLength) {
            TrainingExample ex = examples.get(e);
            int row = 0;
            while (row < rows.size() && used.get(row) + ex.length() > capacity) {
                row++;
            }
            if (row == rows.size()) {
                rows.add(new ArrayList<>());
                used.add(0);
            }
            rowOf[e] = row;
            column[e] = used.get(row) + ex.length() - 1;
            rows.get(row).add(new Segment(e, sequence(ex)));
            used.set(row, used.get(row) + ex.length());
        }
        return new Layout(rows, rowOf, column);
    }

    /**
     * The examples of one trajectory share the row of their longest prefix when theirs are prefixes of it
     * (always so for sampled runs); others get a row of their own.
     */
    static Layout byTrajectory(List<TrainingExample> examples) {
        List<List<Segment>> rows = new ArrayList<>();
        int[] rowOf = new int[examples.size()];
        int[] column = new int[examples.size()];
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int e = 0; e < examples.size(); e++) {
            groups.computeIfAbsent(examples.get(e).trajectory(), k -> new ArrayList<>()).add(e);
        }
        for (List<Integer> group : groups.values()) {
            int longest = group.get(0);
            for (int e : group) {
                if (examples.get(e).prefixIds().length > examples.get(longest).prefixIds().length) {
                    longest = e;
                }
            }
            int shared = rows.size();
            rows.add(List.of(new Segment(group.get(0), sequence(examples.get(longest)))));
            for (int e : group) {
                TrainingExample ex = examples.get(e);
                if (isPrefix(ex, examples.get(longest))) {
                    rowOf[e] = shared;
                } else {
                    rowOf[e] = rows.size();
                    rows.add(List.of(new Segment(e, sequence(ex))));
                }
                column[e] = ex.length() - 1;
            }
        }
        return new Layout(rows, rowOf, column);
    }

    private static boolean isPrefix(TrainingExample ex, TrainingExample longest) {
        if (!Arrays.equals(ex.promptIds(), longest.promptIds())) {
            return false;
        }
        int[] p = ex.prefixIds();
        return Arrays.equals(p, 0, p.length, longest.prefixIds(), 0, p.length);
    }

    /** Prompt and prefix, the tokens the example's forward reads. */
    static int[] sequence(TrainingExample ex) {
        int[] out = Arrays.copyOf(ex.promptIds(), ex.promptIds().length + ex.prefixIds().length);
        System.arraycopy(ex.prefixIds(), 0, out, ex.promptIds().length, ex.prefixIds().length);
        return out;
    }
}
