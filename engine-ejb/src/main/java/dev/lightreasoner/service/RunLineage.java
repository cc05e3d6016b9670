package dev.lightreasoner.service;

import ai.djl.engine.Engine;
import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.ArtifactDigests;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.store.EvaluationStore;
import dev.lightreasoner.store.PipelineStageRecord;
import dev.lightreasoner.store.PipelineStore;
import dev.lightreasoner.store.QuestionStore;
import dev.lightreasoner.store.SampleStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The lineage of a run (a job instance): its effective parameters (catalog defaults filled in, so seeds are
 * always shown), the artifacts it read and wrote with their SHA-256, its results, and the runs it came from —
 * dataset → samples → adapter → merged model → evaluation, or a pipeline's stages — plus the library
 * versions of this server. Derived from what the repository and the data root hold now, never stored twice.
 */
@Stateless
public class RunLineage {
    private static final int MAX_DEPTH = 6;

    public record Artifact(String role, String path, String kind, String sha256, long bytes) {
    }

    public record Run(long instanceId, String job, long executionId, String status, Map<String, String> parameters,
                      List<Artifact> inputs, List<Artifact> outputs, Map<String, Object> results, List<Run> from) {
    }

    public record Lineage(Run run, Map<String, String> environment) {
    }

    @EJB
    BatchJobs jobs;
    @EJB
    ExecutionSearch search;
    @EJB
    SampleStore samples;
    @EJB
    QuestionStore questions;
    @EJB
    EvaluationStore evaluations;
    @EJB
    PipelineStore pipelines;

    public Lineage of(long instanceId) {
        return new Lineage(run(instanceId, 0), environment());
    }

    private Run run(long instanceId, int depth) {
        long executionId = search.latestExecutionOf(instanceId);
        if (executionId < 0) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "no run (job instance) " + instanceId);
        }
        ExecutionView e = jobs.execution(executionId);
        Map<String, String> parameters = effective(e.job(), e.parameters());
        DataRoot root = DataRoot.fromEnvironment();
        List<Artifact> inputs = new ArrayList<>();
        List<Artifact> outputs = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        List<Long> upstream = new ArrayList<>();
        JobCatalog.Job job = JobCatalog.jobs().get(e.job());
        if (job == null) {                                  // a job no longer declared: its parameters as stored
            return new Run(instanceId, e.job(), executionId, e.batchStatus(), parameters, inputs, outputs, results, List.of());
        }
        for (JobCatalog.Parameter p : job.parameters()) {
            String value = parameters.get(p.name());
            if (!"path".equals(p.type()) || value == null || value.isBlank()) {
                continue;
            }
            Artifact a = artifact(p.name(), value, root);
            boolean output = job.writes().contains(p.name());
            (output ? outputs : inputs).add(a);
            Matcher training = RunFolders.TRAINING_ADAPTER.matcher(value);
            if (training.matches()) {
                upstream.add(Long.parseLong(training.group(1)));      // merge: the training that made the adapter
            } else if (!output && depth < MAX_DEPTH) {
                upstream.addAll(writersOf(value));                   // e.g. a merged or pretrained model
            }
        }
        job.reads().forEach((parameter, record) -> {
            String value = parameters.get(parameter);
            switch (record) {
                case PREPARED_DATASET -> inputs.add(new Artifact(parameter, value, "dataset", null, questions.count(value)));
                case SAMPLING_RUN -> upstream.add(Long.parseLong(value));
                default -> throw new IllegalStateException("no lineage for a " + record + " named by " + parameter);
            }
        });
        if (job.records() != null) {
            recorded(job.records(), instanceId, parameters, outputs, results, upstream, root);
        }
        List<Run> from = new ArrayList<>();
        if (depth < MAX_DEPTH) {
            for (long id : upstream) {
                if (id != instanceId && search.latestExecutionOf(id) > 0) {
                    from.add(run(id, depth + 1));
                }
            }
        }
        return new Run(instanceId, e.job(), executionId, e.batchStatus(), parameters, inputs, outputs, results, from);
    }

    /** What a run left in the store: its results, the runs it is made of, the folders it wrote. */
    private void recorded(JobCatalog.Record record, long instanceId, Map<String, String> parameters,
                          List<Artifact> outputs, Map<String, Object> results, List<Long> upstream, DataRoot root) {
        switch (record) {
            case PREPARED_DATASET -> results.put("questions", questions.count(parameters.get("dataset")));
            case SAMPLING_RUN -> {
                if (samples.run(instanceId) != null) {
                    var stats = samples.statistics(instanceId);
                    results.put("questions", stats.questionsDone());
                    results.put("stepsConsidered", stats.stepsConsidered());
                    results.put("stepsKept", stats.stepsKept());
                    results.put("keptRate", stats.keptRate());
                    results.put("meanKl", stats.meanKl());
                }
            }
            case ADAPTER -> outputs.add(artifact("adapter", RunFolders.trainingAdapter(instanceId), root));
            case EVALUATION -> {
                var accuracy = evaluations.accuracy(instanceId);
                results.put("items", accuracy.items());
                results.put("correct", accuracy.correct());
                results.put("accuracyPercent", accuracy.percent());
            }
            case PIPELINE -> {
                for (PipelineStageRecord stage : pipelines.stages(instanceId)) {
                    if (stage.getInstanceId() > 0) {
                        upstream.add(stage.getInstanceId());
                    }
                }
                outputs.add(artifact("report", RunFolders.of("pipeline", instanceId) + "/report.md", root));
            }
        }
    }

    /** Completed runs of any job that declares it writes a folder and wrote the given one. */
    private List<Long> writersOf(String path) {
        List<Long> out = new ArrayList<>();
        for (JobCatalog.Job writer : JobCatalog.jobs().values()) {
            for (String parameter : writer.writes()) {
                for (ExecutionView v : jobs.executions(writer.name(), 500)) {
                    String written = v.parameters().get(parameter);
                    if ("COMPLETED".equals(v.batchStatus()) && written != null && normal(written).equals(normal(path))) {
                        out.add(v.instanceId());
                    }
                }
            }
        }
        return out;
    }

    private static String normal(String path) {
        return java.nio.file.Path.of(path).normalize().toString();
    }

    /** The execution's parameters over the catalog's defaults (what the job really used). */
    private static Map<String, String> effective(String job, Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        JobCatalog.Job spec = JobCatalog.jobs().get(job);
        if (spec != null) {
            for (JobCatalog.Parameter p : spec.parameters()) {
                if (p.defaultValue() != null) {
                    out.put(p.name(), p.defaultValue());
                }
            }
        }
        out.putAll(given);
        return out;
    }

    private static Artifact artifact(String role, String value, DataRoot root) {
        try {
            ArtifactDigests.Digest d = ArtifactDigests.of(root.path().resolve(value).normalize());
            return new Artifact(role, value, d.kind(), d.sha256(), d.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + value + " for the lineage", e);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("lightreasoner", String.valueOf(RunLineage.class.getPackage().getImplementationVersion()));
        env.put("djl", Engine.getDjlVersion());
        env.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        env.put("java", System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return env;
    }
}
