package dev.lightreasoner.engine;

import java.util.Map;

/**
 * How far a job has come, in its own unit (records, questions, optimizer steps, items): done of total,
 * rate and ETA while it runs, and — for a failed or stopped execution — the point its restart resumes from.
 * {@code done} counts the work committed by all executions of the job instance (what a restart keeps).
 *
 * @param total null when the job does not know its total in advance
 */
public record Progress(String unit, long done, Long total, Double perSecond, Long etaSeconds, String resumePoint) {

    /** The job's declared measure (job-parameters.json), or null. */
    private static JobCatalog.Measure measure(String job) {
        JobCatalog.Job declared = JobCatalog.jobs().get(job);
        return declared == null ? null : declared.progress();
    }

    /** The chunk step that measures a job, or null (batchlet jobs such as merge, synthesize, the pipeline). */
    public static String measuredStep(String job) {
        JobCatalog.Measure m = measure(job);
        return m == null ? null : m.step();
    }

    /**
     * @param committedItems items the measured step committed over all executions of the instance
     * @param runningSeconds seconds the current execution has run (for the rate), 0 if unknown
     */
    public static Progress of(String job, Map<String, String> parameters, long committedItems, double runningSeconds,
                              long itemsThisExecution, String batchStatus) {
        JobCatalog.Measure m = measure(job);
        if (m == null) {
            return null;
        }
        long itemSize = m.itemSizeParameter() == null ? 1 : parse(parameters.get(m.itemSizeParameter()), 1);
        Long total = m.totalParameter() == null ? null : parse(parameters.get(m.totalParameter()), 0);
        if (total != null && total <= 0) {
            total = null;                                   // 0 = "all": unknown in advance
        }
        if (m.totalUnknownWhenSet() != null && parse(parameters.get(m.totalUnknownWhenSet()), 0) > 0) {
            total = null;                                   // e.g. train's epochs: the step count follows from the data
        }
        long done = committedItems * itemSize;
        if (total != null) {
            done = Math.min(done, total);
        }
        Double rate = runningSeconds > 0 && itemsThisExecution > 0 ? itemsThisExecution * itemSize / runningSeconds : null;
        boolean running = "STARTED".equals(batchStatus) || "STARTING".equals(batchStatus);
        Long eta = running && rate != null && total != null ? Math.round((total - done) / rate) : null;
        String resume = "FAILED".equals(batchStatus) || "STOPPED".equals(batchStatus)
                ? m.unit() + " " + (done + 1) + (total == null ? "" : " of " + total) : null;
        return new Progress(m.unit(), done, total, rate, eta, resume);
    }

    /** A sharded run's progress: the items its shards hold of all their items (a restart keeps the done ones). */
    public static Progress ofShards(String job, long done, long total, double runningSeconds, String batchStatus) {
        JobCatalog.Measure m = measure(job);
        Double rate = runningSeconds > 0 && done > 0 ? done / runningSeconds : null;
        boolean running = "STARTED".equals(batchStatus) || "STARTING".equals(batchStatus);
        Long eta = running && rate != null ? Math.round((total - done) / rate) : null;
        String resume = "FAILED".equals(batchStatus) || "STOPPED".equals(batchStatus)
                ? "the unfinished shards (" + (total - done) + " " + m.unit() + "s)" : null;
        return new Progress(m.unit(), done, total, rate, eta, resume);
    }

    private static long parse(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return (long) Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
