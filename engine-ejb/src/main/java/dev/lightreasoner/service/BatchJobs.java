package dev.lightreasoner.service;

import dev.lightreasoner.engine.InvalidParameterException;
import dev.lightreasoner.engine.Progress;
import dev.lightreasoner.engine.data.DataRoot;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import dev.lightreasoner.store.IdempotencyRecord;
import dev.lightreasoner.store.OperationsStore;
import dev.lightreasoner.store.ShardStore;
import jakarta.ejb.EJBException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Facade over the Jakarta Batch {@link JobOperator}: parameters are validated before a job starts,
 * and the operator's exceptions become {@link RequestRejected} with a status and a clear message.
 * The JobOperator is called from this EJB so the thread context class loader is the application's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {
    /** JBeret's JOB_EXECUTION.JOBPARAMETERS column (VARCHAR(3000) on H2 and PostgreSQL); longer fails inside it. */
    static final int MAX_STORED_PARAMETERS = 3000;


    public List<String> jobNames() {
        return JobParameterRules.JOBS;
    }

    public long start(String job, Map<String, String> parameters) {
        return start(job, parameters, null).executionId();
    }

    /** A started (or, for a repeated idempotency key, the earlier) execution. */
    public record Started(long executionId, boolean replayed) {
    }

    /**
     * Starts a job. With an idempotency key, a repeat of the same request (same job, same effective
     * parameters) returns the execution the first one started instead of starting another; the same key
     * with a different request is refused (409).
     */
    public Started start(String job, Map<String, String> parameters, String idempotencyKey) {
        Map<String, String> effective = validated(job, parameters);
        preflight.check(job, effective);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            refuseWhenTrainingQueueIsFull(job);
            return new Started(leased(job, call(() -> operator().start(job, properties(effective)))), false);
        }
        if (idempotencyKey.length() > 200) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "Idempotency-Key", "longer than 200 characters");
        }
        String hash = sha256(job + "\n" + new TreeMap<>(effective));
        IdempotencyRecord earlier;
        try {
            earlier = operations.reserveKey(idempotencyKey, job, hash);
        } catch (EJBException raced) {                      // a concurrent request reserved the key first
            earlier = operations.findKey(idempotencyKey);
            if (earlier == null) {
                throw raced;
            }
        }
        if (earlier != null) {
            if (!earlier.getJob().equals(job) || !earlier.getParametersHash().equals(hash)) {
                throw new RequestRejected(RequestRejected.CONFLICT, "Idempotency-Key", "already used for a different"
                        + " request (job '" + earlier.getJob() + "' with other parameters); use a new key");
            }
            if (earlier.getExecutionId() == 0) {
                throw new RequestRejected(RequestRejected.CONFLICT, "Idempotency-Key",
                        "a start with this key is still in progress; retry in a moment");
            }
            return new Started(earlier.getExecutionId(), true);
        }
        try {
            refuseWhenTrainingQueueIsFull(job);
            long id = leased(job, call(() -> operator().start(job, properties(effective))));
            operations.completeKey(idempotencyKey, id);
            return new Started(id, false);
        } catch (RuntimeException e) {
            operations.releaseKey(idempotencyKey);            // nothing started: the key may be used again
            throw e;
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @EJB
    OperationsStore operations;
    @EJB
    JobPreflight preflight;
    @EJB
    TrainingLock trainingSlot;

    /** The execution runs on this server: it holds a lease that the reconciler renews (crash detection). */
    private long leased(String job, long executionId) {
        operations.claim(executionId, job, ServerIdentity.owner());
        return executionId;
    }

    /** Trainings waiting for the slot at most; each waits on a thread of the batch pool (10), which others need too. */
    static final int MAX_QUEUED_TRAININGS = 3;

    private void refuseWhenTrainingQueueIsFull(String job) {
        if (TrainingLock.TRAINING_JOBS.contains(job) && trainingSlot.queued() >= MAX_QUEUED_TRAININGS) {
            throw new RequestRejected(RequestRejected.CONFLICT, "job", trainingSlot.queued() + " trainings already wait"
                    + " for this server's training slot (at most " + MAX_QUEUED_TRAININGS + "): start again when one has begun");
        }
    }

    /**
     * Restarts a FAILED or STOPPED execution from its last checkpoint. Overrides are merged over the
     * original parameters and the result is validated again, then passed in full (JBeret would
     * silently keep any original value left out).
     */
    public long restart(long executionId, Map<String, String> overrides) {
        JobExecution previous = call(() -> operator().getJobExecution(executionId));
        Map<String, String> merged = new LinkedHashMap<>(toMap(previous.getJobParameters()));
        refuseShardChanges(merged, overrides);
        merged.putAll(overrides);
        Map<String, String> effective = validated(previous.getJobName(), merged);
        refuseWhenTrainingQueueIsFull(previous.getJobName());
        return leased(previous.getJobName(), call(() -> operator().restart(executionId, properties(effective))));
    }

    /** The run an execution writes into never changes, and a shard's parameters are its sharded run's plan. */
    private static void refuseShardChanges(Map<String, String> previous, Map<String, String> overrides) {
        boolean shard = !"0".equals(previous.getOrDefault("shardOf", "0"));
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if ((shard || o.getKey().equals("shardOf")) && !o.getValue().equals(previous.get(o.getKey()))) {
                throw new RequestRejected(RequestRejected.BAD_REQUEST, o.getKey(), shard ? "a shard runs with its sharded"
                        + " run's parameters: restart it without changes (or restart the sharded run)"
                        : "the run an execution writes into cannot change on a restart");
            }
        }
    }

    public void stop(long executionId) {
        call(() -> {
            operator().stop(executionId);
            return null;
        });
    }

    public void abandon(long executionId) {
        call(() -> {
            operator().abandon(executionId);
            return null;
        });
    }

    public ExecutionView execution(long executionId) {
        return call(() -> view(operator().getJobExecution(executionId)));
    }

    /** The most recent executions of a job (all instances), newest first. */
    public List<ExecutionView> executions(String job, int limit) {
        if (!JobParameterRules.JOBS.contains(job)) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "unknown job '" + job + "'");
        }
        List<ExecutionView> out = new ArrayList<>();
        JobOperator op = operator();
        int count;
        try {
            count = op.getJobInstanceCount(job);
        } catch (NoSuchJobException none) {
            return out;
        }
        // instances come newest first; each has one or more executions
        for (JobInstance instance : op.getJobInstances(job, 0, Math.min(count, Math.max(limit, 1)))) {
            for (JobExecution e : op.getJobExecutions(instance)) {
                out.add(view(e));
            }
        }
        out.sort(Comparator.comparingLong(ExecutionView::executionId).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Waits up to {@code timeoutMs} for the execution to finish; returns its latest state either way. */
    public ExecutionView await(long executionId, long timeoutMs) {
        long deadline = System.currentTimeMillis() + Math.min(timeoutMs, 600_000);
        ExecutionView v = execution(executionId);
        while (!v.finished() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = execution(executionId);
        }
        return v;
    }

    /** Validates a job's parameters without starting it (400 naming the field). */
    public Map<String, String> validate(String job, Map<String, String> parameters) {
        Map<String, String> effective = validated(job, parameters);
        preflight.check(job, effective);
        return effective;
    }

    private static Map<String, String> validated(String job, Map<String, String> parameters) {
        Map<String, String> effective;
        try {
            effective = JobParameterRules.validate(job, parameters, DataRoot.fromEnvironment());
        } catch (InvalidParameterException e) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, e.parameter(), e.getMessage());
        }
        int stored = storedLength(effective);
        if (stored > MAX_STORED_PARAMETERS) {
            String longest = effective.entrySet().stream().max(Map.Entry.comparingByValue(
                    java.util.Comparator.comparingInt(String::length))).map(Map.Entry::getKey).orElse("parameters");
            throw new RequestRejected(RequestRejected.BAD_REQUEST, longest, "the parameters are too long together ("
                    + stored + " characters as the job repository stores them, at most " + MAX_STORED_PARAMETERS
                    + "); the longest is '" + longest + "'");
        }
        return effective;
    }

    /** Characters of the parameters as JBeret stores them (java.util.Properties text) in its job repository. */
    static int storedLength(Map<String, String> parameters) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(parameters);
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            p.store(out, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString().length();
    }

    private ExecutionView view(JobExecution e) {
        JobOperator op = operator();
        List<ExecutionView.StepView> steps = new ArrayList<>();
        for (StepExecution s : op.getStepExecutions(e.getExecutionId())) {
            Map<String, Long> metrics = new TreeMap<>();
            for (Metric m : s.getMetrics()) {
                metrics.put(m.getType().name(), m.getValue());
            }
            steps.add(new ExecutionView.StepView(s.getStepExecutionId(), s.getStepName(), s.getBatchStatus().name(),
                    s.getExitStatus(), s.getStartTime(), s.getEndTime(), metrics));
        }
        JobInstance instance = op.getJobInstance(e.getExecutionId());
        Map<String, String> parameters = toMap(e.getJobParameters());
        List<ExecutionView.ShardView> shards = ShardViews.of(shardStore, instance.getInstanceId(), parameters);
        return new ExecutionView(e.getExecutionId(), instance.getInstanceId(), e.getJobName(), e.getBatchStatus().name(),
                explained(e), e.getCreateTime(), e.getStartTime(), e.getEndTime(), e.getLastUpdatedTime(), parameters,
                steps, shards == null ? progress(op, e, instance, parameters, steps) : ShardViews.progress(e, shards),
                TrainingLock.TRAINING_JOBS.contains(e.getJobName()) ? trainingSlot.queuedBehind(e.getExecutionId()) : null,
                shards);
    }

    /** Committed items of the measured step over all executions of the instance (what a restart keeps). */
    private static Progress progress(JobOperator op, JobExecution e, JobInstance instance, Map<String, String> parameters,
                                     List<ExecutionView.StepView> steps) {
        String step = Progress.measuredStep(e.getJobName());
        if (step == null) {
            return null;
        }
        long committed = 0;
        for (JobExecution earlier : op.getJobExecutions(instance)) {
            if (earlier.getExecutionId() == e.getExecutionId() || earlier.getExecutionId() > e.getExecutionId()) {
                continue;
            }
            for (StepExecution s : op.getStepExecutions(earlier.getExecutionId())) {
                if (s.getStepName().equals(step)) {
                    committed += itemsOf(s.getMetrics());
                }
            }
        }
        long mine = 0;
        for (ExecutionView.StepView s : steps) {
            if (s.name().equals(step)) {
                mine += s.metrics().getOrDefault("WRITE_COUNT", 0L) + s.metrics().getOrDefault("READ_SKIP_COUNT", 0L);
            }
        }
        java.util.Date start = e.getStartTime();
        java.util.Date end = e.getEndTime() != null ? e.getEndTime() : new java.util.Date();
        double seconds = start == null ? 0 : (end.getTime() - start.getTime()) / 1000.0;
        return Progress.of(e.getJobName(), parameters, committed + mine, seconds, mine, e.getBatchStatus().name());
    }


    private static long itemsOf(Metric[] metrics) {
        long n = 0;
        for (Metric m : metrics) {
            if (m.getType() == Metric.MetricType.WRITE_COUNT || m.getType() == Metric.MetricType.READ_SKIP_COUNT) {
                n += m.getValue();
            }
        }
        return n;
    }

    @EJB
    FailureCauses failureCauses;
    @EJB
    ShardStore shardStore;


    /**
     * A FAILED execution's exit status with its cause: the failureCause job listener stores it, but JBeret
     * shows FAILED a moment before that listener runs, so a bare "FAILED" is explained from the steps here.
     */
    private String explained(JobExecution e) {
        String exit = e.getExitStatus();
        if (e.getBatchStatus() == jakarta.batch.runtime.BatchStatus.FAILED && (exit == null || exit.equals("FAILED"))) {
            try {
                String cause = failureCauses.of(e.getExecutionId());
                return cause == null ? exit : "FAILED: " + cause;
            } catch (java.sql.SQLException ignored) {
                return exit;
            }
        }
        return exit;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static Properties properties(Map<String, String> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }

    /**
     * The parameters a user gave (with defaults filled in), without the runtime's own entries
     * (JBeret adds {@code jberet.*} keys such as the job XML name on restart).
     */
    public static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new TreeMap<>();
        if (p != null) {
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("jberet.")) {
                    m.put(key, p.getProperty(key));
                }
            }
        }
        return m;
    }

    /** Runs a JobOperator call and turns its documented exceptions into RequestRejected. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (NoSuchJobExecutionException e) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "executionId", "no such job execution: " + e.getMessage());
        } catch (NoSuchJobException e) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "job", "no such job: " + e.getMessage());
        } catch (JobExecutionAlreadyCompleteException e) {
            throw new RequestRejected(RequestRejected.CONFLICT, "executionId",
                    "the execution already COMPLETED; start a new one instead");
        } catch (JobExecutionNotMostRecentException e) {
            throw new RequestRejected(RequestRejected.CONFLICT, "executionId",
                    "not the most recent execution of its job instance; restart the latest one");
        } catch (JobExecutionIsRunningException e) {
            throw new RequestRejected(RequestRejected.CONFLICT, "executionId",
                    "the execution is still running; stop it first");
        } catch (JobExecutionNotRunningException e) {
            throw new RequestRejected(RequestRejected.CONFLICT, "executionId", "the execution is not running");
        } catch (JobRestartException e) {
            throw new RequestRejected(RequestRejected.CONFLICT, "executionId", "cannot restart: " + e.getMessage());
        }
    }
}
