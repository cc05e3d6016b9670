package dev.lightreasoner.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** π of every step, as (rows, V) arrays of the rows alive then, stacked per sequence at the end. */
final class StepProbabilities {
    private final NDList steps = new NDList();
    private final List<long[]> sequences = new ArrayList<>();   // per step: the sequence of each row

    void add(NDArray probabilities, int[] alive, NDManager owner) {
        probabilities.attach(owner);
        steps.add(probabilities);
        sequences.add(Arrays.stream(alive).asLongStream().toArray());
    }

    /**
     * (B, T, V) with one concat and one gather. Rows at or beyond a sequence's length repeat row 0
     * (meaningless by contract).
     */
    NDArray bySequence(NDManager m, int b) {
        int t = steps.size();
        long[][] flatRow = new long[b][t];
        long offset = 0;
        for (int s = 0; s < t; s++) {
            long[] rows = sequences.get(s);
            for (int r = 0; r < rows.length; r++) {
                flatRow[(int) rows[r]][s] = offset + r;
            }
            offset += rows.length;
        }
        long[] index = new long[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flatRow[i], 0, index, i * t, t);
        }
        NDArray all = steps.size() == 1 ? steps.get(0) : NDArrays.concat(steps, 0);        // (sum rows, V)
        return all.get(m.create(index)).reshape(b, t, -1);
    }
}
