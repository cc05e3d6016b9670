package dev.lightreasoner.service;

import dev.lightreasoner.store.ExecutionLease;
import dev.lightreasoner.store.OperationsStore;
import dev.lightreasoner.store.RestartPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Crash reconciliation and automatic restarts. Every execution this server starts holds a lease
 * ({@link BatchJobs}); a timer renews this server's leases. An execution the job repository still shows
 * running is marked FAILED with an exit status starting {@code CRASHED:} when its lease belongs to an earlier
 * process of this node (checked at startup, so a restarted server shows its crashed runs at once), when its
 * owner stopped renewing for longer than the lease timeout (another server sharing the repository died), or
 * when no server ever leased it. It is then restartable from its last checkpoint like any failed execution.
 * Then each job's {@link RestartPolicy} restarts matching failures.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")   // reads the lease table at startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExecutionReconciler {
    private static final Logger LOG = Logger.getLogger(ExecutionReconciler.class.getName());
    private static final String RUNNING = "('STARTING','STARTED','STOPPING')";
    public static final String CRASHED = "CRASHED";

    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    DataSource dataSource;
    @EJB
    OperationsStore operations;
    @EJB
    BatchJobs jobs;

    private final Object lock = new Object();

    @PostConstruct
    void atStartup() {
        tick();
    }

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void everyTenSeconds() {
        tick();
    }

    private void tick() {
        synchronized (lock) {
            try {
                operations.heartbeat(ServerIdentity.owner());
                reconcile();
                restartByPolicy();
            } catch (RuntimeException | SQLException e) {
                // never let a repository hiccup stop the timer or the deployment
                LOG.log(Level.WARNING, "execution reconciliation failed; will retry", e);
            }
        }
    }

    /** @return the executions marked crashed */
    public List<Long> reconcile() throws SQLException {
        BatchRuntime.getJobOperator().getJobNames();         // makes JBeret create its tables on a fresh database
        String me = ServerIdentity.owner();
        Instant now = Instant.now();
        Map<Long, ExecutionLease> leases = new HashMap<>();
        operations.leases().forEach(l -> leases.put(l.getExecutionId(), l));
        List<Long> crashed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Map<Long, Instant> running = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT JOBEXECUTIONID, CREATETIME FROM JOB_EXECUTION WHERE BATCHSTATUS IN " + RUNNING);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp created = r.getTimestamp(2);
                    running.put(r.getLong(1), created == null ? now : created.toInstant());
                }
            }
            for (Map.Entry<Long, Instant> e : running.entrySet()) {
                String reason = crashReason(leases.get(e.getKey()), e.getValue(), me, now);
                if (reason != null && markCrashed(c, e.getKey(), CRASHED + ": " + reason
                        + "; restart it to resume from its last checkpoint")) {
                    crashed.add(e.getKey());
                    operations.release(e.getKey());
                    operations.audit("system", "mark-crashed", "execution " + e.getKey(), null, reason);
                    LOG.warning("execution " + e.getKey() + " marked crashed: " + reason);
                }
            }
            for (ExecutionLease lease : leases.values()) {
                if (!running.containsKey(lease.getExecutionId()) && finished(c, lease.getExecutionId())) {
                    operations.release(lease.getExecutionId());
                }
            }
        }
        return crashed;
    }

    /** Why an execution the repository shows running is dead, or null while its owner is alive. */
    static String crashReason(ExecutionLease lease, Instant created, String me, Instant now) {
        Duration timeout = ExecutionLease.timeout();
        if (lease == null) {
            return created.plus(timeout).isBefore(now)
                    ? "no server holds a lease on it (created " + created + ", lease timeout " + timeout.toSeconds() + " s)" : null;
        }
        if (lease.getOwner().equals(me)) {
            return null;
        }
        if (ServerIdentity.nodeOf(lease.getOwner()).equals(ServerIdentity.nodeOf(me))) {
            return "server " + ServerIdentity.node() + " stopped while it ran (the process that ran it is gone; last"
                    + " heartbeat " + lease.getHeartbeat() + ")";
        }
        if (lease.getHeartbeat().plus(timeout).isBefore(now)) {
            return "server " + ServerIdentity.nodeOf(lease.getOwner()) + " stopped renewing its lease at "
                    + lease.getHeartbeat() + " (timeout " + timeout.toSeconds() + " s)";
        }
        return null;
    }

    private static boolean markCrashed(Connection c, long executionId, String exitStatus) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement job = c.prepareStatement("UPDATE JOB_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS=?,"
                + " ENDTIME=?, LASTUPDATEDTIME=? WHERE JOBEXECUTIONID=? AND BATCHSTATUS IN " + RUNNING)) {
            job.setString(1, exitStatus);
            job.setTimestamp(2, now);
            job.setTimestamp(3, now);
            job.setLong(4, executionId);
            if (job.executeUpdate() == 0) {
                return false;                                  // it ended meanwhile
            }
        }
        try (PreparedStatement partitions = c.prepareStatement("UPDATE PARTITION_EXECUTION SET BATCHSTATUS='FAILED',"
                + " EXITSTATUS='" + CRASHED + "' WHERE BATCHSTATUS IN " + RUNNING + " AND STEPEXECUTIONID IN"
                + " (SELECT STEPEXECUTIONID FROM STEP_EXECUTION WHERE JOBEXECUTIONID=?)")) {
            partitions.setLong(1, executionId);
            partitions.executeUpdate();
        }
        try (PreparedStatement steps = c.prepareStatement("UPDATE STEP_EXECUTION SET BATCHSTATUS='FAILED', EXITSTATUS='"
                + CRASHED + "', ENDTIME=? WHERE JOBEXECUTIONID=? AND BATCHSTATUS IN " + RUNNING)) {
            steps.setTimestamp(1, now);
            steps.setLong(2, executionId);
            steps.executeUpdate();
        }
        return true;
    }

    private static boolean finished(Connection c, long executionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT BATCHSTATUS FROM JOB_EXECUTION WHERE JOBEXECUTIONID=?")) {
            s.setLong(1, executionId);
            try (ResultSet r = s.executeQuery()) {
                return !r.next() || !RUNNING.contains("'" + r.getString(1) + "'");
            }
        }
    }

    /** Whether stored job parameters (java.util.Properties text) are a shard's (shardOf set). */
    static boolean isShard(String storedParameters) {
        return storedParameters != null && java.util.regex.Pattern.compile("(?m)^shardOf=[1-9]").matcher(storedParameters).find();
    }

    /**
     * Restarts the latest execution of each job instance when it FAILED with an exit status the job's policy
     * calls transient, after its backoff, up to the policy's attempts. Every attempt is audited.
     */
    private void restartByPolicy() throws SQLException {
        List<RestartPolicy> policies = operations.policies();
        if (policies.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT e.JOBEXECUTIONID, e.JOBINSTANCEID, e.EXITSTATUS, e.ENDTIME, e.JOBPARAMETERS"
                     + " FROM JOB_EXECUTION e JOIN JOB_INSTANCE i ON i.JOBINSTANCEID = e.JOBINSTANCEID"
                     + " WHERE i.JOBNAME = ? AND e.BATCHSTATUS = 'FAILED' AND e.JOBEXECUTIONID ="
                     + " (SELECT MAX(x.JOBEXECUTIONID) FROM JOB_EXECUTION x WHERE x.JOBINSTANCEID = e.JOBINSTANCEID)")) {
            for (RestartPolicy policy : policies) {
                s.setString(1, policy.getJob());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long execution = r.getLong(1);
                        String exit = r.getString(3) == null ? "" : r.getString(3);
                        Timestamp ended = r.getTimestamp(4);
                        if (!exit.matches("(?s)" + policy.getTransientPattern()) || isShard(r.getString(5))) {
                            continue;                  // a shard's retries are its sharded run's (ShardCoordinator)
                        }
                        String target = "instance " + r.getLong(2);
                        long attempts = operations.auditCount("auto-restart", target);
                        long backoff = policy.getBackoffSeconds() << Math.min(attempts, 20);
                        if (attempts >= policy.getMaxAttempts() || (ended != null
                                && ended.toInstant().plusSeconds(backoff).isAfter(Instant.now()))) {
                            continue;
                        }
                        String result;
                        try {
                            result = "restarted execution " + execution + " as " + jobs.restart(execution, Map.of());
                        } catch (RequestRejected refused) {
                            result = "refused: " + refused.getMessage();
                        }
                        operations.audit("system", "auto-restart", target, "execution=" + execution + ", attempt="
                                + (attempts + 1) + " of " + policy.getMaxAttempts() + ", exit status: " + exit, result);
                    }
                }
            }
        }
    }
}
