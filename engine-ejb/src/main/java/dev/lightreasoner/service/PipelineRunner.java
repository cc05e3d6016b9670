package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.RunFolders;
import dev.lightreasoner.store.PipelineStageRecord;
import dev.lightreasoner.store.PipelineStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a pipeline stage as its own job (its own checkpoints, history and restarts) and waits for it. On a
 * pipeline restart a COMPLETED stage is skipped and a FAILED or STOPPED one is restarted from its own last
 * checkpoint — so a pipeline restart never redoes finished work. A new stage whose fingerprint (job, effective
 * parameters, input digests: {@link StageFingerprints}) equals a COMPLETED stage of any earlier pipeline reuses that
 * run instead of running, unless reuse is off.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PipelineRunner {
    private static final long POLL_MS = 1000;

    @EJB
    BatchJobs jobs;
    @EJB
    PipelineStore store;
    @EJB
    StageFingerprints fingerprints;

    /** Thrown when the pipeline was stopped while a stage ran (the stage's job is stopped too). */
    public static class Stopped extends RuntimeException {
        public Stopped(String message) {
            super(message);
        }
    }

    /** @return the stage job's instance id (its run id) once it has COMPLETED, or the reused run's */
    public long run(long pipelineId, String stage, String job, Map<String, String> parameters, boolean reuse,
                    BooleanSupplier stopRequested) {
        PipelineStageRecord row = store.find(pipelineId, stage);
        long executionId;
        String fingerprint = null;
        if (row != null && "COMPLETED".equals(row.getStatus())) {
            return row.getInstanceId();
        }
        if (row != null && row.getExecutionId() > 0) {
            ExecutionView last = jobs.execution(row.getExecutionId());
            if (!last.finished()) {
                executionId = last.executionId();
            } else if ("COMPLETED".equals(last.batchStatus())) {
                store.record(pipelineId, stage, job, last.instanceId(), last.executionId(), "COMPLETED", 0);
                return last.instanceId();
            } else {
                // current values win (e.g. a fixed parameter); the run then mixes two settings: never a reuse source
                store.fingerprint(pipelineId, stage, null);
                executionId = jobs.restart(row.getExecutionId(), parameters);
            }
        } else {
            fingerprint = reusable(job) ? fingerprints.of(job, jobs.validate(job, parameters)) : null;
            PipelineStageRecord earlier = reuse && fingerprint != null ? store.reusable(job, fingerprint) : null;
            if (earlier != null && outputsRemain(job, earlier)) {
                store.reused(pipelineId, stage, earlier);
                return earlier.getInstanceId();
            }
            executionId = jobs.start(job, parameters);
        }
        ExecutionView view = jobs.execution(executionId);
        store.record(pipelineId, stage, job, view.instanceId(), executionId, view.batchStatus(), 0);
        if (fingerprint != null) {
            store.fingerprint(pipelineId, stage, fingerprint);
        }
        boolean stopSent = false;
        while (!view.finished()) {
            if (!stopSent && stopRequested.getAsBoolean()) {
                jobs.stop(executionId);
                stopSent = true;
            }
            view = jobs.await(executionId, POLL_MS);
        }
        double seconds = view.startTime() == null || view.endTime() == null ? 0
                : (view.endTime().getTime() - view.startTime().getTime()) / 1000.0;
        store.record(pipelineId, stage, job, view.instanceId(), executionId, view.batchStatus(), seconds);
        if (stopSent) {
            throw new Stopped("stage " + stage + " stopped (job " + job + " execution " + executionId + ")");
        }
        if (!"COMPLETED".equals(view.batchStatus())) {
            throw new IllegalStateException("stage " + stage + ": job " + job + " execution " + executionId + " ended "
                    + view.batchStatus() + ": " + view.exitStatus());
        }
        return view.instanceId();
    }

    /**
     * Whether a job's runs can be reused at all: not one that fills a named dataset (prepare), since a later run of
     * it under the same name can have replaced the questions since; the stages that read the dataset count its
     * questions in their own fingerprints instead.
     */
    private static boolean reusable(String job) {
        return JobCatalog.jobs().get(job).records() != JobCatalog.Record.PREPARED_DATASET;
    }

    /** A reused run's folders must still be there (an operator may have removed a run folder or a written model). */
    private boolean outputsRemain(String job, PipelineStageRecord earlier) {
        JobCatalog.Job spec = JobCatalog.jobs().get(job);
        DataRoot root = DataRoot.fromEnvironment();
        if (spec.records() == JobCatalog.Record.ADAPTER
                && !Files.isDirectory(root.path().resolve(RunFolders.trainingAdapter(earlier.getInstanceId())))) {
            return false;
        }
        Map<String, String> ran = jobs.execution(earlier.getExecutionId()).parameters();
        return spec.writes().stream().allMatch(w -> ran.get(w) == null || Files.exists(root.path().resolve(ran.get(w))));
    }
}
