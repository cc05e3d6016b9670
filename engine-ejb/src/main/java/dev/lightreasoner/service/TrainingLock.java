package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Set;
import java.util.stream.Collectors;

/** At most one training per server JVM (DJL allows one GradientCollector per JVM). */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TrainingLock {
    /** Jobs that train (and so hold a GradientCollector). */
    public static final Set<String> TRAINING_JOBS = JobCatalog.jobs().values().stream().filter(JobCatalog.Job::trains)
            .map(JobCatalog.Job::name).collect(Collectors.toUnmodifiableSet());

    private Long holder;

    /** Takes the lock for an execution, or throws naming the execution that holds it. */
    public synchronized void acquire(long executionId) {
        if (holder != null && holder != executionId) {
            throw new IllegalStateException("another training (execution " + holder + ") is running on this server;"
                    + " trainings run one at a time");
        }
        holder = executionId;
    }

    public synchronized void release(long executionId) {
        if (holder != null && holder == executionId) {
            holder = null;
        }
    }
}
