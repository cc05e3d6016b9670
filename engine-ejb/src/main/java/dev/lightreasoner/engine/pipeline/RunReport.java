package dev.lightreasoner.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two tables of the paper for one pipeline run: accuracy per benchmark for the baseline expert, +SFT and
 * +LightR (zero-shot pass@1, %), and efficiency (total time, sampled problems, tuned tokens, average gain
 * over the baseline). Variants that were not run are left out rather than shown empty.
 */
public record RunReport(long pipeline, String expert, List<String> benchmarks,
                        Map<String, Map<String, Double>> accuracy, Map<String, Efficiency> efficiency) {

    public static final String BASELINE = "baseline";
    public static final String SFT = "+SFT";
    public static final String LIGHTR = "+LightR";

    /** Cost of a method: wall time of its sampling and training jobs, problems sampled, tokens tuned. */
    public record Efficiency(double seconds, long sampledProblems, long tunedTokens) {
    }

    public double average(String variant) {
        Map<String, Double> row = accuracy.get(variant);
        return benchmarks.stream().mapToDouble(row::get).average().orElse(Double.NaN);
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

    /** Plain data for the JSON export (averages and gains included). */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("expert", expert);
        out.put("benchmarks", benchmarks);
        Map<String, Object> acc = new LinkedHashMap<>();
        for (String v : variants()) {
            Map<String, Object> row = new LinkedHashMap<>(accuracy.get(v));
            row.put("avg", round(average(v)));
            acc.put(v, row);
        }
        out.put("accuracy", acc);
        Map<String, Object> eff = new LinkedHashMap<>();
        efficiency.forEach((method, e) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seconds", round(e.seconds()));
            row.put("sampledProblems", e.sampledProblems());
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
                md.append(' ').append(fmt(accuracy.get(v).get(b))).append(" |");
            }
            md.append(' ').append(fmt(average(v))).append(" |\n");
        }
        md.append("\nEfficiency\n\n| method | total time | sampled problems | tuned tokens | average gain |\n")
                .append("|---|---|---|---|---|\n");
        efficiency.forEach((method, e) -> md.append("| ").append(method.substring(1)).append(" | ")
                .append(duration(e.seconds())).append(" | ").append(e.sampledProblems()).append(" | ")
                .append(e.tunedTokens()).append(" | ").append(String.format(Locale.ROOT, "%+.1f", averageGain(method)))
                .append(" |\n"));
        return md.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
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
