package dev.lightreasoner.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunStatisticsTest {
    @Test
    void nonFiniteKlIsLeftOutOfTheSumAndTheHistogram() {
        long[] histogram = new long[SamplingRun.HISTOGRAM_BINS];
        double sum = RunStatistics.accumulate(new double[] {0.05, Double.NaN, 0.42, Double.POSITIVE_INFINITY, 7.0}, histogram);
        assertEquals(7.47, sum, 1e-12);
        long[] expected = new long[SamplingRun.HISTOGRAM_BINS];
        expected[0] = 1;
        expected[4] = 1;
        expected[SamplingRun.HISTOGRAM_BINS - 1] = 1;
        assertArrayEquals(expected, histogram);
    }
}
