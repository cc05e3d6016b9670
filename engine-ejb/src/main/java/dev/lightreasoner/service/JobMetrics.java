package dev.lightreasoner.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The application's meters (registered through the registry's own methods: WildFly 39's per-deployment registry
 * does not export meters registered by their builders), scraped as Prometheus text at :9990/prometheus (Micrometer subsystem): executions by job
 * and status (from the job repository, so history and other servers count too), chunk durations, sampling progress
 * and the latest training step. Names as Prometheus shows them: {@code lightreasoner_executions},
 * {@code lightreasoner_chunk_seconds_*}, {@code lightreasoner_sampling_*_total}, {@code lightreasoner_training_*}.
 */
@ApplicationScoped
public class JobMetrics {
    private static final Duration COUNTS_FRESH_FOR = Duration.ofSeconds(10);

    @Inject
    MeterRegistry registry;
    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    DataSource dataSource;
    @jakarta.ejb.EJB
    TrainingLock trainingSlot;

    private final AtomicReference<Counts> counts = new AtomicReference<>(new Counts(0, Map.of()));
    private final Map<String, double[]> lastTraining = new java.util.concurrent.ConcurrentHashMap<>();

    private record Counts(long readAtMillis, Map<String, Long> byJobAndStatus) {
    }

    @PostConstruct
    void register() {
        for (String job : JobParameterRules.JOBS) {
            for (BatchStatus status : BatchStatus.values()) {
                registry.gauge("lightreasoner.executions", Tags.of("job", job, "status", status.name()), this,
                        m -> m.executions(job, status.name()));
            }
        }
        registry.gauge("lightreasoner.training.queue", Tags.empty(), this, m -> m.trainingSlot.queued());
        for (String job : TrainingLock.TRAINING_JOBS) {
            double[] last = lastTraining.computeIfAbsent(job, j -> new double[] {Double.NaN, Double.NaN, Double.NaN});
            Tags tags = Tags.of("job", job);
            registry.gauge("lightreasoner.training.loss", tags, last, v -> v[0]);
            registry.gauge("lightreasoner.training.gradient.norm", tags, last, v -> v[1]);       // before clipping
            registry.gauge("lightreasoner.training.tokens.per.second", tags, last, v -> v[2]);
        }
    }

    /** A chunk of a chunk step finished (committed or rolled back). */
    public void chunk(String job, String step, Duration took) {
        registry.timer("lightreasoner.chunk", "job", job, "step", step).record(took);
    }

    /** Questions sampled, with the steps they considered and kept (kept rate = kept / considered). */
    public void sampled(long questions, long stepsConsidered, long stepsKept) {
        registry.counter("lightreasoner.sampling.questions").increment(questions);
        registry.counter("lightreasoner.sampling.steps.considered").increment(stepsConsidered);    // KL computed
        registry.counter("lightreasoner.sampling.steps.kept").increment(stepsKept);                // KL >= beta
    }

    /** An optimizer step of {@code train} or {@code pretrain}. */
    public void trainingStep(String job, double loss, double gradNorm, long forwardTokens, long nanos) {
        double[] last = lastTraining.get(job);
        if (last != null) {
            last[0] = loss;
            last[1] = gradNorm;
            last[2] = nanos > 0 ? forwardTokens * 1e9 / nanos : Double.NaN;
        }
        registry.counter("lightreasoner.training.steps", "job", job).increment();
    }

    private double executions(String job, String status) {
        Counts now = counts.get();
        if (System.currentTimeMillis() - now.readAtMillis() > COUNTS_FRESH_FOR.toMillis()) {
            now = readCounts();
            counts.set(now);
        }
        return now.byJobAndStatus().getOrDefault(job + "\u0000" + status, 0L);
    }

    /** One grouped query over JBeret's tables, at most every 10 s however often Prometheus scrapes. */
    private Counts readCounts() {
        Map<String, Long> byKey = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT i.JOBNAME, e.BATCHSTATUS, COUNT(*) FROM JOB_EXECUTION e"
                     + " JOIN JOB_INSTANCE i ON i.JOBINSTANCEID = e.JOBINSTANCEID GROUP BY i.JOBNAME, e.BATCHSTATUS");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                byKey.put(r.getString(1) + "\u0000" + r.getString(2), r.getLong(3));
            }
        } catch (SQLException e) {
            return new Counts(System.currentTimeMillis(), counts.get().byJobAndStatus());   // keep the last known counts
        }
        return new Counts(System.currentTimeMillis(), byKey);
    }
}
