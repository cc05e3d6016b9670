package dev.lightreasoner.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values from the closed-form Wilson interval and scipy.stats.binomtest (exact, two-sided). */
class ComparisonsTest {
    @Test
    void wilsonIntervalOfAnAccuracy() {
        Comparisons.Accuracy a = new Comparisons.Accuracy(500, 32);
        assertEquals(6.4, a.percent(), 1e-12);
        assertArrayEquals(new double[] {4.569601604478943, 8.895240883768416}, a.interval95(), 1e-9);
        assertArrayEquals(new double[] {0.0, 16.112515805281937}, new Comparisons.Accuracy(20, 0).interval95(), 1e-9);
        assertArrayEquals(new double[] {83.88748419471807, 100.0}, new Comparisons.Accuracy(20, 20).interval95(), 1e-9);
    }

    @Test
    void pairedDifferenceAndExactMcNemar() {
        Comparisons.Paired p = new Comparisons.Paired(2000, 30, 12);
        assertEquals(0.9, p.difference(), 1e-12);
        assertEquals(0.32341150257837153, p.standardError(), 1e-12);
        assertEquals(0.007915897334896727, p.mcnemarP(), 1e-12);       // binomtest(12, 42, 0.5)
        assertEquals(0.9 - 1.959963984540054 * 0.32341150257837153, p.interval95()[0], 1e-12);
        assertEquals(0.1565314695781511, new Comparisons.Paired(400, 100, 80).mcnemarP(), 1e-12);
        assertEquals(1.0, new Comparisons.Paired(100, 5, 5).mcnemarP(), 1e-12);
        assertEquals(1.0, new Comparisons.Paired(100, 0, 0).mcnemarP(), 1e-12);
        assertEquals(0.015625, new Comparisons.Paired(100, 0, 7).mcnemarP(), 1e-12);
    }

    @Test
    void pairsItemByItem() {
        boolean[] model = {true, true, false, false, true};
        boolean[] baseline = {true, false, true, false, false};
        assertEquals(new Comparisons.Paired(5, 2, 1), Comparisons.Paired.of(model, baseline));
        assertThrows(IllegalArgumentException.class, () -> Comparisons.Paired.of(model, new boolean[4]));
    }
}
