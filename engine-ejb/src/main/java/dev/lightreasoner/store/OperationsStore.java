package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Execution leases, the audit log and restart policies. Each call is its own transaction: an audit row is
 * written even when the action it records is refused, and a lease outlives the request that took it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OperationsStore {
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    public void claim(long executionId, String job, String owner) {
        ExecutionLease existing = em.find(ExecutionLease.class, executionId);
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new ExecutionLease(executionId, job, owner, Instant.now()));
    }

    public int heartbeat(String owner) {
        return em.createQuery("update ExecutionLease l set l.heartbeat = :now where l.owner = :owner")
                .setParameter("now", Instant.now()).setParameter("owner", owner).executeUpdate();
    }

    public List<ExecutionLease> leases() {
        return em.createQuery("select l from ExecutionLease l", ExecutionLease.class).getResultList();
    }

    public void release(long executionId) {
        ExecutionLease lease = em.find(ExecutionLease.class, executionId);
        if (lease != null) {
            em.remove(lease);
        }
    }

    public void audit(String actor, String action, String target, String parameters, String result) {
        em.persist(new AuditRecord(Instant.now(), actor, action, target, parameters, result));
    }

    /** Newest first; {@code beforeId} pages backwards (0 = from the newest). */
    public List<AuditRecord> auditLog(int limit, long beforeId, String action) {
        // conditions are added, not null-tested, so PostgreSQL never sees an untyped null parameter
        String where = (beforeId > 0 ? " and a.id < :before" : "") + (action != null ? " and a.action = :action" : "");
        var query = em.createQuery("select a from AuditRecord a where 1 = 1" + where + " order by a.id desc", AuditRecord.class)
                .setMaxResults(limit);
        if (beforeId > 0) {
            query.setParameter("before", beforeId);
        }
        if (action != null) {
            query.setParameter("action", action);
        }
        return query.getResultList();
    }

    public long auditCount(String action, String target) {
        return em.createQuery("select count(a) from AuditRecord a where a.action = :action and a.target = :target", Long.class)
                .setParameter("action", action).setParameter("target", target).getSingleResult();
    }

    public List<RestartPolicy> policies() {
        return em.createQuery("select p from RestartPolicy p order by p.job", RestartPolicy.class).getResultList();
    }

    public RestartPolicy policy(String job) {
        return em.find(RestartPolicy.class, job);
    }

    public void savePolicy(RestartPolicy policy) {
        em.merge(policy);
    }

    public boolean deletePolicy(String job) {
        RestartPolicy p = em.find(RestartPolicy.class, job);
        if (p != null) {
            em.remove(p);
        }
        return p != null;
    }

    /**
     * Reserves an idempotency key for a start. Returns null when this call reserved it (the caller starts the
     * job, then {@link #completeKey}), else the existing record. The primary key makes concurrent reservations
     * of one key fail for all but one caller.
     */
    public IdempotencyRecord reserveKey(String key, String job, String parametersHash) {
        IdempotencyRecord existing = em.find(IdempotencyRecord.class, key);
        if (existing != null) {
            return existing;
        }
        em.persist(new IdempotencyRecord(key, job, parametersHash));
        em.flush();
        return null;
    }

    public IdempotencyRecord findKey(String key) {
        return em.find(IdempotencyRecord.class, key);
    }

    public void completeKey(String key, long executionId) {
        IdempotencyRecord r = em.find(IdempotencyRecord.class, key);
        if (r != null) {
            r.setExecutionId(executionId);
        }
    }

    public void releaseKey(String key) {
        IdempotencyRecord r = em.find(IdempotencyRecord.class, key);
        if (r != null) {
            em.remove(r);
        }
    }
}
