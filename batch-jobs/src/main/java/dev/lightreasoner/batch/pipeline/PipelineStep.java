package dev.lightreasoner.batch.pipeline;

import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.pipeline.PipelineParameters;
import dev.lightreasoner.service.BatchJobs;
import dev.lightreasoner.service.PipelineRunner;
import dev.lightreasoner.store.PipelineStageRecord;
import dev.lightreasoner.store.PipelineStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * One stage of the {@code lightreasoner} pipeline: starts (or resumes) the stage's own job with parameters
 * derived from the pipeline's and from earlier stages' runs, and waits for it. SFT stages are skipped unless
 * {@code sft=true}.
 */
@Named
@Dependent
public class PipelineStep extends AbstractBatchlet {
    @Inject
    JobContext jobContext;
    @Inject
    @BatchProperty
    String stage;
    @EJB
    PipelineRunner runner;
    @EJB
    PipelineStore store;

    private volatile boolean stopRequested;
    private boolean reuse;

    static PipelineParameters parameters(JobContext job) {
        return PipelineParameters.from(BatchJobs.toMap(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())),
                DataRoot.fromEnvironment());
    }

    static String mergedModel(long pipeline, String variant) {
        return "models/pipeline-" + pipeline + "-" + variant;
    }

    @Override
    public String process() {
        PipelineParameters p = parameters(jobContext);
        reuse = p.reuse();
        long pipeline = jobContext.getInstanceId();
        if (stage.startsWith("sft") || stage.equals("evaluate-sft")) {
            if (!p.sft()) {
                return "SKIPPED (sft=false)";
            }
        }
        try {
            switch (stage) {
                case "prepare" -> run("prepare", "prepare", p.prepare());
                case "sample" -> run("sample", "sample", p.sample());
                case "train" -> run("train", "train", p.train(runOf(pipeline, "sample"), false));
                case "merge" -> run("merge", "merge", merge(pipeline, "train", "lightr"));
                case "sft-sample" -> run("sft-sample", "sft-sample", p.sftSample());
                case "sft-train" -> run("sft-train", "train", p.train(runOf(pipeline, "sft-sample"), true));
                case "sft-merge" -> run("sft-merge", "merge", merge(pipeline, "sft-train", "sft"));
                case "evaluate-baseline" -> evaluate(p, "baseline", p.expert());
                case "evaluate-lightr" -> evaluate(p, "lightr", mergedModel(pipeline, "lightr"));
                case "evaluate-sft" -> evaluate(p, "sft", mergedModel(pipeline, "sft"));
                default -> throw new IllegalArgumentException("unknown pipeline stage " + stage);
            }
        } catch (PipelineRunner.Stopped stopped) {
            return "STOPPED " + stopped.getMessage();
        }
        return "COMPLETED " + stage;
    }

    private Map<String, String> merge(long pipeline, String trainStage, String variant) {
        return Map.of("adapter", RunFolders.trainingAdapter(runOf(pipeline, trainStage)),
                "output", mergedModel(pipeline, variant), "dtype", "F32");
    }

    private void evaluate(PipelineParameters p, String variant, String model) {
        for (PipelineParameters.Benchmark b : p.benchmarks()) {
            run("evaluate-" + variant + "/" + b.name(), "evaluate", p.evaluate(model, b));
        }
    }

    private long run(String stageName, String job, Map<String, String> parameters) {
        return runner.run(jobContext.getInstanceId(), stageName, job, parameters, reuse, () -> stopRequested);
    }

    private long runOf(long pipeline, String stageName) {
        PipelineStageRecord row = store.find(pipeline, stageName);
        if (row == null || !"COMPLETED".equals(row.getStatus())) {
            throw new IllegalStateException("stage " + stageName + " has not completed");
        }
        return row.getInstanceId();
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
