package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * A stage of a pipeline run: the child job it started (instance = the child's run id), the child's latest
 * execution and status, the wall time of all its executions; and, for the report row, its Markdown/JSON.
 */
@Entity
@Table(name = "PIPELINE_STAGE",
        uniqueConstraints = @UniqueConstraint(name = "UK_PIPELINE_STAGE", columnNames = {"PIPELINE_ID", "STAGE"}))
public class PipelineStageRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "PIPELINE_ID", nullable = false)
    private long pipelineId;

    @Column(name = "STAGE", nullable = false, length = 128)
    private String stage;

    @Column(nullable = false, length = 64)
    private String job;

    private long instanceId;
    private long executionId;

    @Column(nullable = false, length = 32)
    private String status;

    private double seconds;

    @Column(length = 1_048_576)
    private String detail;

    /** SHA-256 of the stage's job, effective parameters and input digests (what decides whether it can be reused). */
    @Column(length = 64)
    private String fingerprint;

    /** The stage reused an earlier COMPLETED run (instanceId) instead of running. */
    @Column(nullable = false)
    private boolean reused;

    protected PipelineStageRecord() {
    }

    public PipelineStageRecord(long pipelineId, String stage, String job) {
        this.pipelineId = pipelineId;
        this.stage = stage;
        this.job = job;
        this.status = "STARTING";
    }

    public void update(long instanceId, long executionId, String status, double addedSeconds) {
        this.instanceId = instanceId;
        this.executionId = executionId;
        this.status = status;
        this.seconds += addedSeconds;
    }

    public void setFingerprint(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public void markReused() {
        this.reused = true;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public boolean isReused() {
        return reused;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public long getPipelineId() {
        return pipelineId;
    }

    public String getStage() {
        return stage;
    }

    public String getJob() {
        return job;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public long getExecutionId() {
        return executionId;
    }

    public String getStatus() {
        return status;
    }

    public double getSeconds() {
        return seconds;
    }

    public String getDetail() {
        return detail;
    }
}
