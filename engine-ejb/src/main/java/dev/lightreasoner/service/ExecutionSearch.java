package dev.lightreasoner.service;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds executions across all jobs in the job repository, newest first, filtered by job, status and creation
 * time, one page at a time (JobOperator can only list by instance of one job).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExecutionSearch {
    static final Set<String> STATUSES = Set.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED",
            "ABANDONED");

    @Resource(lookup = "java:jboss/datasources/LightReasonerDS")
    javax.sql.DataSource dataSource;

    /** @return execution ids, newest first */
    public List<Long> find(String job, String status, Instant since, Instant until, int offset, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "status", "must be one of " + STATUSES + ": " + status);
        }
        StringBuilder sql = new StringBuilder("SELECT e.JOBEXECUTIONID FROM JOB_EXECUTION e JOIN JOB_INSTANCE i"
                + " ON i.JOBINSTANCEID = e.JOBINSTANCEID WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (job != null) {
            sql.append(" AND i.JOBNAME = ?");
            args.add(job);
        }
        if (status != null) {
            sql.append(" AND e.BATCHSTATUS = ?");
            args.add(status);
        }
        if (since != null) {
            sql.append(" AND e.CREATETIME >= ?");
            args.add(Timestamp.from(since));
        }
        if (until != null) {
            sql.append(" AND e.CREATETIME < ?");
            args.add(Timestamp.from(until));
        }
        sql.append(" ORDER BY e.JOBEXECUTIONID DESC");
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            s.setMaxRows(offset + limit);
            try (ResultSet r = s.executeQuery()) {
                int row = 0;
                while (r.next()) {
                    if (row++ >= offset) {
                        ids.add(r.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the job repository: " + e.getMessage(), e);
        }
        return ids;
    }

    /** The newest execution of a job instance, or -1 when there is none. */
    public long latestExecutionOf(long instanceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT MAX(JOBEXECUTIONID) FROM JOB_EXECUTION WHERE JOBINSTANCEID = ?")) {
            s.setLong(1, instanceId);
            try (ResultSet r = s.executeQuery()) {
                long id = r.next() ? r.getLong(1) : 0;
                return id > 0 ? id : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the job repository: " + e.getMessage(), e);
        }
    }

    /**
     * 404 naming the id unless the job instance exists and ran one of the given jobs: every run endpoint answers an
     * unknown id the same way, also for a run that has not written anything yet.
     */
    public void requireRun(long instanceId, String what, java.util.Set<String> jobs) {
        String job = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT JOBNAME FROM JOB_INSTANCE WHERE JOBINSTANCEID = ?")) {
            s.setLong(1, instanceId);
            try (ResultSet r = s.executeQuery()) {
                job = r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the job repository: " + e.getMessage(), e);
        }
        if (job == null || !jobs.contains(job)) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "no " + what + " " + instanceId);
        }
    }
}
