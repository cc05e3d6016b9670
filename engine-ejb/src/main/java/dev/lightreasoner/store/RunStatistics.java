package dev.lightreasoner.store;

/** A sampling run's statistics, aggregated from its SampledQuestion rows. */
public record RunStatistics(long questionsDone, long stepsConsidered, long stepsKept, double meanKl,
                            long[] klHistogram) {

    public double keptRate() {
        return stepsConsidered == 0 ? 0 : (double) stepsKept / stepsConsidered;
    }

    /**
     * Adds one trajectory's step KLs to a histogram and returns their sum. A non-finite KL (a model that emits
     * NaN) is left out of both, so it cannot poison a run's mean KL or its histogram; such a step is never kept.
     */
    public static double accumulate(double[] stepKl, long[] histogram) {
        double sum = 0;
        for (double kl : stepKl) {
            if (Double.isFinite(kl)) {
                histogram[bin(kl)]++;
                sum += kl;
            }
        }
        return sum;
    }

    /** The histogram bin of a KL value: 0.1 wide from 0, the last bin holds everything ≥ 5.0. */
    public static int bin(double kl) {
        int b = (int) Math.floor(Math.max(0, kl) * 10);
        return Math.min(b, SamplingRun.HISTOGRAM_BINS - 1);
    }
}
