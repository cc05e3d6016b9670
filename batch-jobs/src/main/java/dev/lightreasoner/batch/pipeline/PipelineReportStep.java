package dev.lightreasoner.batch.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.batch.ExitStatuses;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.engine.eval.Comparisons;
import dev.lightreasoner.engine.pipeline.PipelineParameters;
import dev.lightreasoner.engine.pipeline.RunReport;
import dev.lightreasoner.store.EvaluationItem;
import dev.lightreasoner.store.EvaluationStore;
import dev.lightreasoner.store.PipelineStageRecord;
import dev.lightreasoner.store.PipelineStore;
import dev.lightreasoner.store.RunStatistics;
import dev.lightreasoner.store.SampleStore;
import dev.lightreasoner.store.SampledQuestion;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Last stage: the run report (the paper's accuracy and efficiency tables, with n, intervals and paired
 * comparisons against the baseline) from the stages' own graded items and sample rows —
 * stored with the pipeline, and written as report.md and report.json in runs/pipeline-N.
 */
@Named
@Dependent
public class PipelineReportStep extends AbstractBatchlet {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JobContext jobContext;
    @EJB
    PipelineStore store;
    @EJB
    EvaluationStore evaluations;
    @EJB
    SampleStore samples;

    @Override
    public String process() throws Exception {
        PipelineParameters p = PipelineStep.parameters(jobContext);
        long pipeline = jobContext.getInstanceId();
        List<String> names = p.benchmarks().stream().map(PipelineParameters.Benchmark::name).toList();
        Map<String, Map<String, boolean[]>> outcomes = new LinkedHashMap<>();
        outcomes.put(RunReport.BASELINE, outcomes(pipeline, "baseline", names));
        if (p.sft()) {
            outcomes.put(RunReport.SFT, outcomes(pipeline, "sft", names));
        }
        outcomes.put(RunReport.LIGHTR, outcomes(pipeline, "lightr", names));
        Map<String, Map<String, Comparisons.Accuracy>> accuracy = new LinkedHashMap<>();
        Map<String, Map<String, Comparisons.Paired>> paired = new LinkedHashMap<>();
        outcomes.forEach((variant, byBenchmark) -> {
            Map<String, Comparisons.Accuracy> row = new LinkedHashMap<>();
            Map<String, Comparisons.Paired> against = new LinkedHashMap<>();
            byBenchmark.forEach((b, graded) -> {
                long correct = 0;
                for (boolean c : graded) {
                    correct += c ? 1 : 0;
                }
                row.put(b, new Comparisons.Accuracy(graded.length, correct));
                against.put(b, Comparisons.Paired.of(graded, outcomes.get(RunReport.BASELINE).get(b)));
            });
            accuracy.put(variant, row);
            if (!variant.equals(RunReport.BASELINE)) {
                paired.put(variant, against);
            }
        });
        Map<String, RunReport.Efficiency> efficiency = new LinkedHashMap<>();
        if (p.sft()) {
            efficiency.put(RunReport.SFT, efficiency(pipeline, "sft-sample", "sft-train", true));
        }
        efficiency.put(RunReport.LIGHTR, efficiency(pipeline, "sample", "train", false));
        RunReport report = new RunReport(pipeline, p.expert(), names, accuracy, paired, efficiency);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson());
        store.detail(pipeline, "report", json);
        Path folder = DataRoot.fromEnvironment().path().resolve(RunFolders.of("pipeline", pipeline));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("report.md"), report.markdown() + reusedStages(pipeline));
        Files.writeString(folder.resolve("report.json"), json);
        StringBuilder status = new StringBuilder("COMPLETED pipeline=" + pipeline);
        for (String v : report.variants()) {
            status.append(String.format(Locale.ROOT, " %s=%.1f", v.replace("+", ""), report.average(v)));
        }
        jobContext.setExitStatus(ExitStatuses.fit(status.toString()));
        return status.toString();
    }

    /** Each benchmark's items graded right or wrong, in item order (the same items for every variant). */
    private Map<String, boolean[]> outcomes(long pipeline, String variant, List<String> names) {
        Map<String, boolean[]> row = new LinkedHashMap<>();
        for (String b : names) {
            List<EvaluationItem> items = evaluations.items(instance(pipeline, "evaluate-" + variant + "/" + b), 0,
                    Integer.MAX_VALUE);
            boolean[] graded = new boolean[items.size()];
            for (int i = 0; i < graded.length; i++) {
                graded[i] = items.get(i).isCorrect();
            }
            row.put(b, graded);
        }
        return row;
    }

    /** Time of the method's sampling and training jobs, its sampled problems and its tuned tokens. */
    private RunReport.Efficiency efficiency(long pipeline, String sampleStage, String trainStage, boolean sft) {
        PipelineStageRecord sampled = store.find(pipeline, sampleStage);
        PipelineStageRecord trained = store.find(pipeline, trainStage);
        long run = sampled.getInstanceId();
        RunStatistics stats = samples.statistics(run);
        List<SampledQuestion> questions = samples.questions(run);
        long tokens = sft ? questions.stream().mapToLong(q -> (long) q.getKlSum()).sum() : stats.stepsKept();
        long tuned = questions.stream().filter(q -> q.getStepsKept() > 0).count();
        return new RunReport.Efficiency(sampled.getSeconds() + trained.getSeconds(), stats.questionsDone(), tuned, tokens);
    }

    /** Which stages reused an earlier pipeline's run (their job, parameters and inputs were the same). */
    private String reusedStages(long pipeline) {
        StringBuilder out = new StringBuilder();
        for (PipelineStageRecord s : store.stages(pipeline)) {
            if (s.isReused()) {
                out.append(out.length() == 0 ? "\n## Reused stages\nThe same job, parameters and input content as an"
                        + " earlier pipeline's stage: its run was reused, not repeated (`reuse=false` runs every stage).\n\n" : "")
                        .append("- `").append(s.getStage()).append("`: reused from #").append(s.getInstanceId())
                        .append(" (").append(s.getJob()).append(")\n");
            }
        }
        return out.toString();
    }

    private long instance(long pipeline, String stage) {
        PipelineStageRecord row = store.find(pipeline, stage);
        if (row == null) {
            throw new IllegalStateException("stage " + stage + " has no run");
        }
        return row.getInstanceId();
    }
}
