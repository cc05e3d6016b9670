package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Which server process runs an execution, and when it last said it is alive. JBeret leaves an execution
 * STARTED when its server dies (WFLY-19706); a lease whose owner is gone tells the reconciler it crashed.
 */
@Entity
@Table(name = "EXECUTION_LEASE")
public class ExecutionLease {
    @Id
    private long executionId;

    @Column(nullable = false, length = 64)
    private String job;

    /** node name + "/" + a per-JVM boot id */
    @Column(nullable = false, length = 200)
    private String owner;

    @Column(nullable = false)
    private Instant heartbeat;

    /** How long an owner may stay silent before its executions count as crashed. */
    public static java.time.Duration timeout() {
        return java.time.Duration.ofSeconds(Long.getLong("lightreasoner.lease.timeout.seconds", 60));
    }

    protected ExecutionLease() {
    }

    public ExecutionLease(long executionId, String job, String owner, Instant now) {
        this.executionId = executionId;
        this.job = job;
        this.owner = owner;
        this.heartbeat = now;
    }

    public long getExecutionId() {
        return executionId;
    }

    public String getJob() {
        return job;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getHeartbeat() {
        return heartbeat;
    }
}
