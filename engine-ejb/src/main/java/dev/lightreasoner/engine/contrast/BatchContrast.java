package dev.lightreasoner.engine.contrast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * {@link StepContrast} for many steps at once on the model's device, in fp64: KL for every row, and the
 * soft labels of the kept rows only, transferred as sparse (id, weight) lists, never as full vocab rows.
 */
public final class BatchContrast {
    /**
     * Rows per fp64 block: bounds the temporaries (a Qwen row is 151,936 wide). Four rows make 4.9 MB arrays, under
     * glibc's largest mmap threshold (32 MiB), so the heap reuses them; 32-row blocks (39 MB) were mapped fresh for
     * every temporary and spent most of their time in page faults (496 Qwen-wide rows: 16 s, now 3.5-4.9 s).
     */
    private static final int ROWS_PER_BLOCK = 4;

    private BatchContrast() {
    }

    /** A kept row: its index in the input, KL, plausible ids (ascending) and soft-label weights. */
    public record Kept(int row, double kl, int[] tokenIds, double[] weights) {
    }

    /** Result: KL of every row, and the rows with KL ≥ β. */
    public record Result(double[] kl, java.util.List<Kept> kept) {
    }

    /**
     * @param pExpert    (N, V_E) expert probabilities
     * @param logAmateur (N, V_A) amateur log-probabilities (exponentiated here: the spec smooths probabilities)
     */
    public static Result of(NDArray pExpert, NDArray logAmateur, double alpha, double beta) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
        }
        int rows = Math.toIntExact(pExpert.getShape().get(0));
        if (rows != logAmateur.getShape().get(0)) {
            throw new IllegalArgumentException("row counts differ: " + rows + " vs " + logAmateur.getShape().get(0));
        }
        double[] kl = new double[rows];
        java.util.List<Kept> kept = new java.util.ArrayList<>();
        for (int from = 0; from < rows; from += ROWS_PER_BLOCK) {
            int to = Math.min(rows, from + ROWS_PER_BLOCK);
            Result part = block(pExpert.get(from + ":" + to), logAmateur.get(from + ":" + to), alpha, beta);
            System.arraycopy(part.kl(), 0, kl, from, to - from);
            for (Kept k : part.kept()) {
                kept.add(new Kept(k.row() + from, k.kl(), k.tokenIds(), k.weights()));
            }
        }
        return new Result(kl, kept);
    }

    private static Result block(NDArray pExpert, NDArray logAmateur, double alpha, double beta) {
        NDManager m = pExpert.getManager();
        long n = Math.min(pExpert.getShape().get(1), logAmateur.getShape().get(1));
        try (NDManager scope = m.newSubManager()) {
            NDArray pe = pExpert.get(":, :" + n).toType(DataType.FLOAT64, false);
            NDArray pa = logAmateur.get(":, :" + n).toType(DataType.FLOAT64, false).exp();
            pe.attach(scope);
            pa.attach(scope);
            NDArray logE = pe.add(StepContrast.EPSILON).log();
            NDArray score = logE.sub(pa.add(StepContrast.EPSILON).log());                 // log ratio
            double[] kl = pe.add(StepContrast.EPSILON).mul(score).sum(new int[] {1}).toDoubleArray();
            java.util.List<Kept> kept = new java.util.ArrayList<>();
            long[] keptRows = java.util.stream.IntStream.range(0, kl.length).filter(i -> kl[i] >= beta)
                    .mapToLong(i -> i).toArray();
            if (keptRows.length == 0) {
                return new Result(kl, kept);
            }
            NDArray rows = scope.create(keptRows);
            NDArray peKept = pe.get(rows);
            NDArray scoreKept = score.get(rows);
            NDArray plausible = peKept.gte(peKept.max(new int[] {1}, true).mul(alpha));        // (K, n)
            // -inf outside the plausible set: softmax gives exactly 0 there
            NDArray outside = scope.full(scoreKept.getShape(), Float.NEGATIVE_INFINITY, DataType.FLOAT64);
            NDArray weights = NDArrays.where(plausible, scoreKept, outside).softmax(1);
            long[] where = plausible.nonzero().toLongArray();                                  // (row, id) pairs
            double[] w = weights.get(plausible).toDoubleArray();                               // same order
            int start = 0;
            for (int k = 0; k < keptRows.length; k++) {
                int end = start;
                while (end < w.length && where[2 * end] == k) {
                    end++;
                }
                int[] ids = new int[end - start];
                double[] ws = new double[end - start];
                for (int j = start; j < end; j++) {
                    ids[j - start] = (int) where[2 * j + 1];
                    ws[j - start] = w[j];
                }
                kept.add(new Kept((int) keptRows[k], kl[(int) keptRows[k]], ids, ws));
                start = end;
            }
            return new Result(kl, kept);
        }
    }
}
