package dev.lightreasoner.engine.pipeline;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.engine.sampling.SftSampleParameters;
import dev.lightreasoner.engine.training.TrainParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the {@code lightreasoner} pipeline (prepare → sample → train → merge → evaluate baseline and
 * LightR, optionally the SFT branch, → report). Its own keys, plus pass-through keys with a stage prefix
 * ({@code sample.beta=0.4}, {@code train.maxSteps=200}, {@code sftSample.samples=8}, {@code sftTrain.epochs=2},
 * {@code evaluate.maxNewTokens=512}) handed to that stage's job. Each stage's parameters are validated now
 * with that job's own rules (outputs of earlier stages stand in as placeholders).
 *
 * @param benchmarks names from {@link #BENCHMARKS} (file and format of each), or name=file:format
 */
public record PipelineParameters(String dataset, String file, long questions, String expert, String amateur,
                                 List<Benchmark> benchmarks, boolean sft, boolean reuse, Map<String, Map<String, String>> stages)
        implements CheckedParameters {

    /** A benchmark to evaluate on: report name, JSONL file under the data root, record layout. */
    public record Benchmark(String name, String file, String format) {
    }

    public static final Map<String, Benchmark> BENCHMARKS = Map.of(
            "gsm8k", new Benchmark("gsm8k", "datasets/gsm8k/test.jsonl", "gsm8k"),
            "svamp", new Benchmark("svamp", "datasets/svamp/test.jsonl", "svamp"),
            "math500", new Benchmark("math500", "datasets/math500/test.jsonl", "math500"));
    private static final JobCatalog.Job PIPELINE = JobCatalog.jobs().get("lightreasoner");
    public static final List<String> PREFIXES = List.copyOf(PIPELINE.stages().keySet());
    private static final List<String> OWN = PIPELINE.parameters().stream().map(JobCatalog.Parameter::name).toList();

    public static PipelineParameters from(Map<String, String> raw, DataRoot root) {
        Map<String, Map<String, String>> stages = new LinkedHashMap<>();
        PREFIXES.forEach(p -> stages.put(p, new LinkedHashMap<>()));
        Map<String, String> own = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot > 0 && stages.containsKey(key.substring(0, dot))) {
                String stage = key.substring(0, dot);
                String name = key.substring(dot + 1);
                if (PIPELINE.stages().get(stage).setByPipeline().contains(name)) {
                    throw new InvalidParameterException(key, "is set by the pipeline (from its own parameters or an"
                            + " earlier stage); it cannot be given per stage");
                }
                stages.get(stage).put(name, e.getValue());
            } else if (!OWN.contains(key)) {
                throw new InvalidParameterException(key, "unknown parameter of job 'lightreasoner' (known: " + OWN
                        + ", or a stage prefix " + PREFIXES + " followed by '.' and that job's parameter)");
            } else {
                own.put(key, e.getValue());
            }
        }
        DeclaredParameters declared = DeclaredParameters.read("lightreasoner", own);
        String dataset = declared.text("dataset");
        String file = declared.text("file");
        long questions = declared.integer("questions");
        String expert = declared.text("expert");
        String amateur = declared.text("amateur");
        List<Benchmark> benchmarks = new ArrayList<>();
        for (String b : declared.text("benchmarks").split(",")) {
            String spec = b.strip();
            if (BENCHMARKS.containsKey(spec)) {
                benchmarks.add(BENCHMARKS.get(spec));
            } else if (spec.matches("[A-Za-z0-9._-]+=[^:]+:[a-z0-9]+")) {
                String[] parts = spec.split("[=:]");
                benchmarks.add(new Benchmark(parts[0], parts[1], parts[2]));
            } else {
                throw new InvalidParameterException("benchmarks", "each must be one of " + BENCHMARKS.keySet()
                        + " or name=file:format: " + spec);
            }
        }
        boolean sft = declared.bool("sft");
        PipelineParameters p = new PipelineParameters(dataset, file, questions, expert, amateur, List.copyOf(benchmarks),
                sft, declared.bool("reuse"), stages);
        p.validateStages(root);
        return p;
    }

    /** Validates every stage's parameters with its job's rules, prefixing errors with the stage. */
    private void validateStages(DataRoot root) {
        check("dataset/file", () -> PrepareParameters.from(prepare(), root));
        check("sample", () -> SampleParameters.from(sample(), root));
        check("train", () -> TrainParameters.from(train(1, false), root));
        for (Benchmark b : benchmarks) {
            check("evaluate", () -> EvaluateParameters.from(evaluate(expert, b), root));
        }
        if (sft) {
            check("sftSample", () -> SftSampleParameters.from(sftSample(), root));
            check("sftTrain", () -> TrainParameters.from(train(1, true), root));
        }
    }

    private static void check(String stage, Runnable validation) {
        try {
            validation.run();
        } catch (InvalidParameterException e) {
            String name = e.parameter();
            String qualified = stage.contains("/") || List.of("dataset", "file", "expert", "amateur").contains(name)
                    ? name : stage + "." + name;
            throw new InvalidParameterException(qualified, e.getMessage());
        }
    }

    public Map<String, String> prepare() {
        return Map.of("dataset", dataset, "file", file, "limit", Long.toString(questions));
    }

    public Map<String, String> sample() {
        Map<String, String> m = new LinkedHashMap<>(stages.get("sample"));
        m.put("dataset", dataset);
        putRequired(m, "expert", expert);
        putRequired(m, "amateur", amateur);
        m.putIfAbsent("limit", Long.toString(questions));
        return m;
    }

    /** @param samplesRun the sampling (or SFT sampling) run to train on */
    public Map<String, String> train(long samplesRun, boolean sftBranch) {
        Map<String, String> m = new LinkedHashMap<>(stages.get(sftBranch ? "sftTrain" : "train"));
        m.put("samples", Long.toString(samplesRun));
        putRequired(m, "expert", expert);
        m.put("objective", sftBranch ? "sft" : "lightr");
        return m;
    }

    public Map<String, String> sftSample() {
        Map<String, String> m = new LinkedHashMap<>(stages.get("sftSample"));
        m.put("dataset", dataset);
        putRequired(m, "expert", expert);
        m.putIfAbsent("limit", Long.toString(questions));
        return m;
    }

    public Map<String, String> evaluate(String model, Benchmark b) {
        Map<String, String> m = new LinkedHashMap<>(stages.get("evaluate"));
        putRequired(m, "model", model);
        m.put("benchmark", b.name());
        m.put("file", b.file());
        m.put("format", b.format());
        return m;
    }

    private static void putRequired(Map<String, String> m, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(key, "is required");
        }
        m.put(key, value);
    }

    /** The benchmarks as given, and every stage's pass-through parameters with their prefix. */
    @Override
    public Map<String, String> resolved() {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            names.add(BENCHMARKS.containsKey(b.name()) && BENCHMARKS.get(b.name()).equals(b) ? b.name()
                    : b.name() + "=" + b.file() + ":" + b.format());
        }
        m.put("benchmarks", String.join(",", names));
        stages.forEach((stage, params) -> params.forEach((k, v) -> m.put(stage + "." + k, v)));
        return m;
    }
}
