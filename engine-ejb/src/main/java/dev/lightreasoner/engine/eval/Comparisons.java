package dev.lightreasoner.engine.eval;

/**
 * The statistics a report needs to say whether an accuracy difference is real: a 95 % interval for one
 * accuracy (Wilson score), and a paired comparison of two models graded on the same items (the difference with
 * its standard error and 95 % interval, and McNemar's exact test on the items where they disagree).
 */
public final class Comparisons {
    /** The two-sided 95 % normal quantile. */
    static final double Z95 = 1.959963984540054;

    private Comparisons() {
    }

    /** An accuracy of {@code correct} out of {@code n} items, in percent, with its Wilson 95 % interval. */
    public record Accuracy(long n, long correct) {
        public double percent() {
            return n == 0 ? Double.NaN : 100.0 * correct / n;
        }

        /** Wilson score interval, in percent: stays inside [0, 100] and is sound near 0 % and 100 %. */
        public double[] interval95() {
            if (n == 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double p = (double) correct / n;
            double z2 = Z95 * Z95;
            double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
            double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
            return new double[] {100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)};
        }
    }

    /**
     * A model against a baseline on the same n items: {@code gained} items only the model got right,
     * {@code lost} items only the baseline got right.
     */
    public record Paired(long n, long gained, long lost) {
        /** Model minus baseline accuracy, in points. */
        public double difference() {
            return 100.0 * (gained - lost) / n;
        }

        /** Standard error of the paired difference, in points: sqrt(b + c − (b − c)²/n) / n. */
        public double standardError() {
            double b = gained;
            double c = lost;
            return 100.0 * Math.sqrt(Math.max(0, b + c - (b - c) * (b - c) / n)) / n;
        }

        public double[] interval95() {
            return new double[] {difference() - Z95 * standardError(), difference() + Z95 * standardError()};
        }

        /** Two-sided exact McNemar p-value: a binomial(b + c, ½) test on the discordant items. */
        public double mcnemarP() {
            long m = gained + lost;
            if (m == 0) {
                return 1.0;
            }
            long k = Math.min(gained, lost);
            double tail = 0;
            double logHalfPower = m * Math.log(0.5);
            for (long i = 0; i <= k; i++) {
                tail += Math.exp(logChoose(m, i) + logHalfPower);
            }
            return Math.min(1.0, 2 * tail);
        }

        /** Paired outcomes of the same items, in the same order. */
        public static Paired of(boolean[] model, boolean[] baseline) {
            if (model.length != baseline.length) {
                throw new IllegalArgumentException("paired comparison needs the same items: " + model.length + " vs "
                        + baseline.length);
            }
            long gained = 0;
            long lost = 0;
            for (int i = 0; i < model.length; i++) {
                if (model[i] && !baseline[i]) {
                    gained++;
                } else if (!model[i] && baseline[i]) {
                    lost++;
                }
            }
            return new Paired(model.length, gained, lost);
        }
    }

    private static double logChoose(long n, long k) {
        double sum = 0;
        for (long i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
