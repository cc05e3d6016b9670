package dev.lightreasoner.service;

import dev.lightreasoner.engine.JobCatalog;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's one training slot (DJL allows one GradientCollector per JVM). Trainings queue for it in the order
 * they asked: a training started while another runs waits, visible as queued, instead of being refused, so
 * schedules and pipelines do not fail on a busy server.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TrainingLock {
    /** Jobs that train (and so hold a GradientCollector). */
    public static final Set<String> TRAINING_JOBS = JobCatalog.jobs().values().stream().filter(JobCatalog.Job::trains)
            .map(JobCatalog.Job::name).collect(Collectors.toUnmodifiableSet());

    private Long holder;
    private final LinkedHashSet<Long> waiting = new LinkedHashSet<>();

    /** Takes the slot if it is free and this execution is first in the queue; otherwise joins (or stays in) the queue. */
    public synchronized boolean tryAcquire(long executionId) {
        if (holder != null && holder == executionId) {
            return true;
        }
        if (holder == null && (waiting.isEmpty() || waiting.iterator().next() == executionId)) {
            waiting.remove(executionId);
            holder = executionId;
            return true;
        }
        waiting.add(executionId);
        return false;
    }

    /** Takes the slot for an execution that must already hold it (its queue step did), or throws naming the holder. */
    public synchronized void acquire(long executionId) {
        if (holder != null && holder != executionId) {
            throw new IllegalStateException("another training (execution " + holder + ") is running on this server;"
                    + " trainings run one at a time");
        }
        waiting.remove(executionId);
        holder = executionId;
    }

    /** Gives the slot up, or leaves the queue (a queued training that was stopped). */
    public synchronized void release(long executionId) {
        waiting.remove(executionId);
        if (holder != null && holder == executionId) {
            holder = null;
        }
    }

    /** How many trainings wait for the slot (the metrics' queue depth). */
    public synchronized int queued() {
        return waiting.size();
    }

    /** The execution this one waits for (the holder, or the first in the queue), or null when this one is not queued. */
    public synchronized Long queuedBehind(long executionId) {
        if (!waiting.contains(executionId)) {
            return null;
        }
        if (holder != null) {
            return holder;
        }
        Long first = waiting.iterator().next();
        return first == executionId ? null : first;             // first in line and the slot free: it is taking it
    }
}
