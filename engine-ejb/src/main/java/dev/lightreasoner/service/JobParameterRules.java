package dev.lightreasoner.service;

import dev.lightreasoner.engine.CheckedParameters;
import dev.lightreasoner.engine.DeclaredParameters;
import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.engine.eval.EvaluateParameters;
import dev.lightreasoner.engine.lab.PretrainParameters;
import dev.lightreasoner.engine.lab.SynthesizeParameters;
import dev.lightreasoner.engine.pipeline.PipelineParameters;
import dev.lightreasoner.engine.sampling.ImportParameters;
import dev.lightreasoner.engine.sampling.SampleParameters;
import dev.lightreasoner.engine.sampling.SftSampleParameters;
import dev.lightreasoner.engine.training.MergeParameters;
import dev.lightreasoner.engine.training.TrainParameters;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which jobs can be started by name, and each one's own rules; names, types, defaults and bounds are declared once
 * in job-parameters.json ({@link DeclaredParameters}), which every rule reads through.
 */
final class JobParameterRules {
    private static final Map<String, BiFunction<Map<String, String>, DataRoot, CheckedParameters>> RULES = Map.of(
            "prepare", PrepareParameters::from,
            "sample", SampleParameters::from,
            "import-samples", ImportParameters::from,
            "sft-sample", SftSampleParameters::from,
            "train", TrainParameters::from,
            "merge", MergeParameters::from,
            "evaluate", EvaluateParameters::from,
            "lightreasoner", PipelineParameters::from,
            "synthesize", SynthesizeParameters::from,
            "pretrain", PretrainParameters::from);
    static final List<String> JOBS = List.copyOf(JobCatalog.jobs().keySet());

    private JobParameterRules() {
    }

    /** @return the effective parameters (defaults filled in), or throws InvalidParameterException */
    static Map<String, String> validate(String job, Map<String, String> raw, DataRoot root) {
        BiFunction<Map<String, String>, DataRoot, CheckedParameters> rules = RULES.get(job);
        if (rules == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "unknown job '" + job + "' (known: " + JOBS + ")");
        }
        return CheckedParameters.effective(job, raw, rules.apply(raw, root));
    }

    /** Whether every declared job has rules (a unit test holds it). */
    static boolean everyJobHasRules() {
        return RULES.keySet().equals(JobCatalog.jobs().keySet());
    }
}
