package dev.lightreasoner.engine.pipeline;

import dev.lightreasoner.engine.eval.Comparisons;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two tables of the paper for one pipeline run, with the numbers needed to read them: accuracy per
 * benchmark for the baseline expert, +SFT and +LightR (zero-shot pass@1, %) with n and a 95 % interval; each
 * method against the baseline on the same items (paired difference, its standard error and interval, McNemar's
 * exact p); and efficiency (time, sampled and tuned problems, tuned tokens, average gain). Variants that were
 * not run are left out rather than shown empty.
 *
 * @param paired per method (+SFT, +LightR), per benchmark: its outcomes against the baseline's on the same items
 */
public record RunReport(long pipeline, String expert, List<String> benchmarks,
                        Map<String, Map<String, Comparisons.Accuracy>> accuracy,
                        Map<String, Map<String, Comparisons.Paired>> paired, Map<String, Efficiency> efficiency) {

    public static final String BASELINE = "baseline";
    public static final String SFT = "+SFT";
    public static final String LIGHTR = "+LightR";

    /**
     * Cost of a method: wall time of its sampling and training jobs, problems sampled, problems it tuned on
     * (LightR: with at least one kept step; SFT: with an accepted solution), tokens tuned.
     */
    public record Efficiency(double seconds, long sampledProblems, long tunedProblems, long tunedTokens) {
    }

    public double percent(String variant, String benchmark) {
        return accuracy.get(variant).get(benchmark).percent();
    }

    public double average(String variant) {
        return benchmarks.stream().mapToDouble(b -> percent(variant, b)).average().orElse(Double.NaN);
    }

    public double averageGain(String variant) {
        return average(variant) - average(BASELINE);
    }

    public List<String> variants() {
        List<String> out = new ArrayList<>();
        for (String v : List.of(BASELINE, SFT, LIGHTR)) {
            if (accuracy.containsKey(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Plain data for the JSON export (averages, intervals and gains included). */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("expert", expert);
        out.put("benchmarks", benchmarks);
        Map<String, Object> acc = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String v : variants()) {
            Map<String, Object> row = new LinkedHashMap<>();
            Map<String, Object> countRow = new LinkedHashMap<>();
            for (String b : benchmarks) {
                Comparisons.Accuracy a = accuracy.get(v).get(b);
                row.put(b, round(a.percent()));
                countRow.put(b, Map.of("n", a.n(), "correct", a.correct(), "ci95", rounded(a.interval95())));
            }
            row.put("avg", round(average(v)));
            acc.put(v, row);
            counts.put(v, countRow);
        }
        out.put("accuracy", acc);
        out.put("counts", counts);
        Map<String, Object> comparisons = new LinkedHashMap<>();
        paired.forEach((method, byBenchmark) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            byBenchmark.forEach((b, p) -> {
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("n", p.n());
                cell.put("gained", p.gained());
                cell.put("lost", p.lost());
                cell.put("difference", round(p.difference()));
                cell.put("standardError", round(p.standardError()));
                cell.put("ci95", rounded(p.interval95()));
                cell.put("mcnemarP", p.mcnemarP());
                row.put(b, cell);
            });
            comparisons.put(method, row);
        });
        out.put("comparisons", comparisons);
        Map<String, Object> eff = new LinkedHashMap<>();
        efficiency.forEach((method, e) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seconds", round(e.seconds()));
            row.put("sampledProblems", e.sampledProblems());
            row.put("tunedProblems", e.tunedProblems());
            row.put("tunedTokens", e.tunedTokens());
            row.put("averageGain", round(averageGain(method)));
            eff.put(method, row);
        });
        out.put("efficiency", eff);
        return out;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Pipeline ").append(pipeline).append(" — ").append(expert).append("\n\n");
        md.append("Accuracy (zero-shot pass@1, %)\n\n| model |");
        benchmarks.forEach(b -> md.append(' ').append(b).append(" |"));
        md.append(" avg |\n|---|");
        benchmarks.forEach(b -> md.append("---|"));
        md.append("---|\n");
        for (String v : variants()) {
            md.append("| ").append(v).append(" |");
            for (String b : benchmarks) {
                md.append(' ').append(fmt(percent(v, b))).append(" |");
            }
            md.append(' ').append(fmt(average(v))).append(" |\n");
        }
        md.append("\nEach cell: n and 95 % interval (Wilson)\n\n| model | benchmark | correct / n | 95 % interval |\n")
                .append("|---|---|---|---|\n");
        for (String v : variants()) {
            for (String b : benchmarks) {
                Comparisons.Accuracy a = accuracy.get(v).get(b);
                double[] ci = a.interval95();
                md.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %.1f – %.1f |%n", v, b, a.correct(), a.n(),
                        ci[0], ci[1]));
            }
        }
        if (!paired.isEmpty()) {
            md.append("\nAgainst the baseline on the same items (paired)\n\n")
                    .append("| method | benchmark | difference (points) | standard error | 95 % interval | only it right |")
                    .append(" only baseline right | McNemar exact p |\n|---|---|---|---|---|---|---|---|\n");
            paired.forEach((method, byBenchmark) -> byBenchmark.forEach((b, p) -> {
                double[] ci = p.interval95();
                md.append(String.format(Locale.ROOT, "| %s | %s | %+.2f | %.2f | %+.2f – %+.2f | %d | %d | %s |%n",
                        method.substring(1), b, p.difference(), p.standardError(), ci[0], ci[1], p.gained(), p.lost(),
                        pValue(p.mcnemarP())));
            }));
        }
        md.append("\nEfficiency\n\n| method | total time | sampled problems | tuned problems | tuned tokens | average gain |\n")
                .append("|---|---|---|---|---|---|\n");
        efficiency.forEach((method, e) -> md.append("| ").append(method.substring(1)).append(" | ")
                .append(duration(e.seconds())).append(" | ").append(e.sampledProblems()).append(" | ")
                .append(e.tunedProblems()).append(" | ").append(e.tunedTokens()).append(" | ")
                .append(String.format(Locale.ROOT, "%+.1f", averageGain(method))).append(" |\n"));
        return md.toString();
    }

    private static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static List<Double> rounded(double[] interval) {
        return List.of(round(interval[0]), round(interval[1]));
    }

    static String duration(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
