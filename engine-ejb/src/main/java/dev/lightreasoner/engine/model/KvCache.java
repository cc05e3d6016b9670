package dev.lightreasoner.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the past positions, per layer. After the first forward (stored as computed, no copy)
 * they live in arrays with spare capacity along time, written in place and grown by doubling: a decode step
 * neither copies the whole cache nor allocates a slightly larger array each time (which also fragments the
 * native heap). Also which cached positions are real tokens (padding is not) and each row's next position.
 */
public final class KvCache {
    final NDArray[] keys;       // (B, KV, capacity, hd): the first filled[l] positions hold the past
    final NDArray[] values;
    final long[] filled;
    boolean[][] real = new boolean[0][0];
    int[] nextPosition;

    KvCache(int layers) {
        keys = new NDArray[layers];
        values = new NDArray[layers];
        filled = new long[layers];
    }

    public int length() {
        return real.length == 0 ? 0 : real[0].length;
    }

    /** Appends a layer's new (B, KV, T, hd) keys and values; returns views of all its positions so far. */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        if (keys[layer] == null) {
            keys[layer] = k;
            values[layer] = v;
            filled[layer] = t;
            return new NDArray[] {k, v};
        }
        long past = filled[layer];
        long total = past + t;
        if (total > keys[layer].getShape().get(2)) {
            keys[layer] = grown(keys[layer], past, total);
            values[layer] = grown(values[layer], past, total);
        }
        NDIndex fresh = new NDIndex(":, :, {}:{}", past, total);
        keys[layer].set(fresh, k);
        values[layer].set(fresh, v);
        filled[layer] = total;
        NDIndex all = new NDIndex(":, :, :{}", total);
        NDArray[] views = {keys[layer].get(all), values[layer].get(all)};
        for (NDArray view : views) {
            view.attach(k.getManager());                       // the views die with the layer's scope
        }
        return views;
    }

    /** A copy of the first {@code past} positions in an array with room for at least {@code needed}. */
    private static NDArray grown(NDArray array, long past, long needed) {
        Shape shape = array.getShape();
        long capacity = Math.max(needed, Math.max(64, 2 * shape.get(2)));
        NDArray bigger = array.getManager().zeros(new Shape(shape.get(0), shape.get(1), capacity, shape.get(3)),
                array.getDataType());
        NDIndex kept = new NDIndex(":, :, :{}", past);
        try (NDArray old = array.get(kept)) {
            bigger.set(kept, old);
        }
        array.close();
        return bigger;
    }

    /** Keeps only the given batch rows (finished sequences leave the batch); arrays stay in their manager. */
    public void keepRows(int[] rows) {
        long[] index = new long[rows.length];
        boolean[][] keptReal = new boolean[rows.length][];
        int[] keptPositions = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            index[i] = rows[i];
            keptReal[i] = real[rows[i]];
            keptPositions[i] = nextPosition[rows[i]];
        }
        for (int l = 0; l < keys.length; l++) {
            NDManager owner = keys[l].getManager();
            NDArray keptKeys = keys[l].get(owner.create(index));
            NDArray keptValues = values[l].get(owner.create(index));
            keys[l].close();
            values[l].close();
            keys[l] = keptKeys;
            values[l] = keptValues;
        }
        real = keptReal;
        nextPosition = keptPositions;
    }
}
