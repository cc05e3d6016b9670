package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A job start made with an {@code Idempotency-Key}: a scheduler that retries the same request gets the same
 * execution instead of a second run. Execution 0 while the start is in progress.
 */
@Entity
@Table(name = "IDEMPOTENT_START")
public class IdempotencyRecord {
    @Id
    @Column(name = "IDEMPOTENCY_KEY", length = 200)
    private String key;

    @Column(nullable = false, length = 64)
    private String job;

    @Column(nullable = false, length = 64)
    private String parametersHash;

    private long executionId;

    @Column(nullable = false)
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(String key, String job, String parametersHash) {
        this.key = key;
        this.job = job;
        this.parametersHash = parametersHash;
        this.createdAt = Instant.now();
    }

    public String getJob() {
        return job;
    }

    public String getParametersHash() {
        return parametersHash;
    }

    public long getExecutionId() {
        return executionId;
    }

    public void setExecutionId(long executionId) {
        this.executionId = executionId;
    }
}
