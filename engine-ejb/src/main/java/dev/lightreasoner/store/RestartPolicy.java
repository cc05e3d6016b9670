package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Automatic restart-on-failure for one job: a FAILED execution whose exit status matches
 * {@code transientPattern} is restarted from its checkpoint after {@code backoffSeconds · 2^attempt},
 * at most {@code maxAttempts} times per job instance.
 */
@Entity
@Table(name = "RESTART_POLICY")
public class RestartPolicy {
    @Id
    @Column(length = 64)
    private String job;

    private int maxAttempts;
    private long backoffSeconds;

    @Column(nullable = false, length = 500)
    private String transientPattern;

    protected RestartPolicy() {
    }

    public RestartPolicy(String job, int maxAttempts, long backoffSeconds, String transientPattern) {
        this.job = job;
        this.maxAttempts = maxAttempts;
        this.backoffSeconds = backoffSeconds;
        this.transientPattern = transientPattern;
    }

    public String getJob() {
        return job;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public long getBackoffSeconds() {
        return backoffSeconds;
    }

    public String getTransientPattern() {
        return transientPattern;
    }
}
