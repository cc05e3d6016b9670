package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A cron-style schedule that starts a job with fixed parameters; a persistent EJB calendar timer drives it.
 * Concurrency: a firing is skipped while the execution it started last is still running.
 */
@Entity
@Table(name = "JOB_SCHEDULE")
public class JobSchedule {
    public static final int MAX_CRON = 200;
    public static final int MAX_TIMEZONE = 64;
    public static final int MAX_PARAMETERS = 8000;
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String job;

    /** six fields: second minute hour day-of-month month day-of-week (EJB calendar syntax) */
    @Column(nullable = false, length = MAX_CRON)
    private String cron;

    @Column(nullable = false, length = MAX_TIMEZONE)
    private String timezone;

    /** JSON object of job parameters */
    @Column(nullable = false, length = MAX_PARAMETERS)
    private String parameters;

    private boolean paused;
    private Instant createdAt;
    private Instant lastFiredAt;
    private long lastExecutionId;

    @Column(length = 1000)
    private String lastResult;

    protected JobSchedule() {
    }

    public JobSchedule(String job, String cron, String timezone, String parameters) {
        this.job = job;
        this.cron = cron;
        this.timezone = timezone;
        this.parameters = parameters;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getJob() {
        return job;
    }

    public String getCron() {
        return cron;
    }

    public String getTimezone() {
        return timezone;
    }

    public String getParameters() {
        return parameters;
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastFiredAt() {
        return lastFiredAt;
    }

    public long getLastExecutionId() {
        return lastExecutionId;
    }

    public String getLastResult() {
        return lastResult;
    }

    public void fired(Instant at, long executionId, String result) {
        this.lastFiredAt = at;
        if (executionId > 0) {
            this.lastExecutionId = executionId;
        }
        this.lastResult = result == null || result.length() <= 1000 ? result : result.substring(0, 999) + "…";
    }
}
