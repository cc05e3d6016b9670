package dev.lightreasoner.service;

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

/** Which jobs can be started by name, and how each validates its parameters before it starts. */
final class JobParameterRules {
    static final List<String> JOBS = List.of("prepare", "sample", "import-samples", "sft-sample", "train", "merge", "evaluate",
            "lightreasoner", "synthesize", "pretrain");

    private JobParameterRules() {
    }

    /** @return the effective parameters (defaults filled in), or throws InvalidParameterException */
    static Map<String, String> validate(String job, Map<String, String> raw, DataRoot root) {
        switch (job) {
            case "prepare":
                return PrepareParameters.from(raw, root).asMap();
            case "sample":
                return SampleParameters.from(raw, root).asMap();
            case "import-samples":
                return ImportParameters.from(raw, root).asMap();
            case "sft-sample":
                return SftSampleParameters.from(raw, root).asMap();
            case "train":
                return TrainParameters.from(raw, root).asMap();
            case "merge":
                return MergeParameters.from(raw, root).asMap();
            case "evaluate":
                return EvaluateParameters.from(raw, root).asMap();
            case "lightreasoner":
                return PipelineParameters.from(raw, root).asMap();
            case "synthesize":
                return SynthesizeParameters.from(raw, root).asMap();
            case "pretrain":
                return PretrainParameters.from(raw, root).asMap();
            default:
                throw new RequestRejected(RequestRejected.NOT_FOUND, "job",
                        "unknown job '" + job + "' (known: " + JOBS + ")");
        }
    }
}
