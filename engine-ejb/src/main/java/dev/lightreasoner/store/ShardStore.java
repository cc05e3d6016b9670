package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shards of sharded runs. Every change is one conditional update in its own transaction, committed before any
 * message about it is sent: whoever reads a message finds the row it names.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ShardStore {
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    /** The instance's shards, made from {@code planned} the first time; a restarted parent gets the existing plan. */
    public List<JobShard> plan(long parentInstance, List<JobShard> planned) {
        List<JobShard> existing = shards(parentInstance);
        if (!existing.isEmpty()) {
            return existing;
        }
        planned.forEach(em::persist);
        em.flush();
        return shards(parentInstance);
    }

    public List<JobShard> shards(long parentInstance) {
        return em.createQuery("select s from JobShard s where s.parentInstance = :p order by s.shardIndex", JobShard.class)
                .setParameter("p", parentInstance).getResultList();
    }

    /**
     * The parameters {@code job}'s instance {@code parentInstance} planned for its shard of exactly this range, or null
     * when it planned none.
     */
    public Map<String, String> plannedParameters(String job, long parentInstance, long firstItem, long itemCount) {
        return em.createQuery("select s from JobShard s where s.job = :job and s.parentInstance = :p"
                        + " and s.firstItem = :first and s.itemCount = :count", JobShard.class)
                .setParameter("job", job).setParameter("p", parentInstance).setParameter("first", firstItem)
                .setParameter("count", itemCount).getResultStream().findFirst().map(JobShard::getParameters).orElse(null);
    }

    public JobShard find(long id) {
        return em.find(JobShard.class, id);
    }

    /**
     * Takes the shard for {@code owner} if it still waits at {@code epoch}; false when another node took it first or the
     * message is stale (a later attempt exists).
     */
    public boolean claim(long id, int epoch, String owner) {
        return em.createQuery("update JobShard s set s.state = :claimed, s.owner = :owner, s.updatedAt = :now"
                        + " where s.id = :id and s.epoch = :epoch and s.state = :queued")
                .setParameter("claimed", JobShard.CLAIMED).setParameter("owner", owner).setParameter("now", Instant.now())
                .setParameter("id", id).setParameter("epoch", epoch).setParameter("queued", JobShard.QUEUED)
                .executeUpdate() == 1;
    }

    /**
     * The claimed attempt's execution started; false when the shard moved on meanwhile (the parent gave the claim up as
     * never started): the caller then stops that execution, so no shard ever runs twice.
     */
    public boolean running(long id, int epoch, long executionId) {
        return em.createQuery("update JobShard s set s.state = :running, s.executionId = :execution, s.updatedAt = :now"
                        + " where s.id = :id and s.epoch = :epoch and s.state = :claimed")
                .setParameter("running", JobShard.RUNNING).setParameter("execution", executionId)
                .setParameter("now", Instant.now()).setParameter("id", id).setParameter("epoch", epoch)
                .setParameter("claimed", JobShard.CLAIMED).executeUpdate() == 1;
    }

    /**
     * Queues the shard for another attempt at the next epoch (its earlier messages go stale) if it is still in
     * {@code state} at {@code epoch}; {@code attempt} counts it as a retry of a failure. False if it moved on meanwhile.
     */
    public boolean requeue(long id, int epoch, String state, boolean attempt, String message) {
        return em.createQuery("update JobShard s set s.state = :queued, s.epoch = s.epoch + 1, s.owner = null,"
                        + " s.attempts = s.attempts + :attempt, s.message = :message, s.updatedAt = :now"
                        + " where s.id = :id and s.epoch = :epoch and s.state = :state")
                .setParameter("queued", JobShard.QUEUED).setParameter("attempt", attempt ? 1 : 0)
                .setParameter("message", clip(message)).setParameter("now", Instant.now()).setParameter("id", id)
                .setParameter("epoch", epoch).setParameter("state", state).executeUpdate() == 1;
    }

    /** A restarted run gives a failed shard new attempts: queued at the next epoch, its attempts counted anew. */
    public boolean retryAnew(long id, int epoch) {
        return em.createQuery("update JobShard s set s.state = :queued, s.epoch = s.epoch + 1, s.owner = null,"
                        + " s.attempts = 0, s.message = :message, s.updatedAt = :now where s.id = :id and s.epoch = :epoch")
                .setParameter("queued", JobShard.QUEUED).setParameter("message", "queued again by a restart of its run")
                .setParameter("now", Instant.now()).setParameter("id", id).setParameter("epoch", epoch).executeUpdate() == 1;
    }

    /** Marks a message sent again for a shard still queued (its first may sit in a dead node's journal). */
    public void resent(long id, int epoch) {
        em.createQuery("update JobShard s set s.updatedAt = :now where s.id = :id and s.epoch = :epoch")
                .setParameter("now", Instant.now()).setParameter("id", id).setParameter("epoch", epoch).executeUpdate();
    }

    /** Its running attempt's execution completed. */
    public void done(long id, int epoch) {
        end(id, epoch, JobShard.RUNNING, JobShard.DONE, null);
    }

    /** Its claimed attempt could not be started. */
    public void failed(long id, int epoch, String message) {
        end(id, epoch, JobShard.CLAIMED, JobShard.FAILED, message);
    }

    private void end(long id, int epoch, String from, String state, String message) {
        em.createQuery("update JobShard s set s.state = :state, s.message = :message, s.updatedAt = :now"
                        + " where s.id = :id and s.epoch = :epoch and s.state = :from")
                .setParameter("state", state).setParameter("message", clip(message)).setParameter("now", Instant.now())
                .setParameter("id", id).setParameter("epoch", epoch).setParameter("from", from).executeUpdate();
    }

    /** The latest execution of the job instance that {@code executionId} belongs to (a restart's successor, if any). */
    public long latestExecution(long executionId) {
        return ((Number) em.createNativeQuery("SELECT MAX(x.JOBEXECUTIONID) FROM JOB_EXECUTION x WHERE x.JOBINSTANCEID ="
                + " (SELECT e.JOBINSTANCEID FROM JOB_EXECUTION e WHERE e.JOBEXECUTIONID = :id)")
                .setParameter("id", executionId).getSingleResult()).longValue();
    }

    /** Batch status and exit status of the given executions, read from the job repository (not JBeret's caches). */
    public Map<Long, String[]> executionStatuses(List<Long> executionIds) {
        Map<Long, String[]> out = new HashMap<>();
        if (executionIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT JOBEXECUTIONID, BATCHSTATUS, EXITSTATUS FROM JOB_EXECUTION"
                + " WHERE JOBEXECUTIONID IN (:ids)").setParameter("ids", executionIds).getResultList();
        for (Object[] r : rows) {
            out.put(((Number) r[0]).longValue(), new String[] {(String) r[1], (String) r[2]});
        }
        return out;
    }

    /** Items of each shard's range that their run already holds (one query for the whole run), in the shards' order. */
    public long[] itemsDone(List<JobShard> shards) {
        long[] done = new long[shards.size()];
        if (shards.isEmpty()) {
            return done;
        }
        JobShard first = shards.get(0);
        String query = switch (first.getJob()) {
            case "sample" -> "select q.questionIndex from SampledQuestion q where q.runId = :run order by q.questionIndex";
            case "evaluate" -> "select q.itemIndex from EvaluationItem q where q.runId = :run order by q.itemIndex";
            default -> throw new IllegalArgumentException("job " + first.getJob() + " has no shards");
        };
        long[] indexes = em.createQuery(query, Long.class).setParameter("run", first.getParentInstance())
                .getResultStream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < done.length; i++) {
            JobShard s = shards.get(i);
            done[i] = position(indexes, s.getFirstItem() + s.getItemCount()) - position(indexes, s.getFirstItem());
        }
        return done;
    }

    /** How many of the sorted indexes are below {@code index}. */
    private static int position(long[] sorted, long index) {
        int at = java.util.Arrays.binarySearch(sorted, index);
        return at >= 0 ? at : -at - 1;
    }

    private static String clip(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
