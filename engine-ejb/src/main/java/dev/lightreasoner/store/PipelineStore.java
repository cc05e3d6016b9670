package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Pipeline stage rows, each write in its own transaction (a pipeline step waits for hours on its child). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PipelineStore {
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    public PipelineStageRecord find(long pipelineId, String stage) {
        List<PipelineStageRecord> found = em.createQuery(
                        "select s from PipelineStageRecord s where s.pipelineId = :p and s.stage = :stage", PipelineStageRecord.class)
                .setParameter("p", pipelineId).setParameter("stage", stage).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Creates the stage row or updates it with the child's latest execution. */
    public void record(long pipelineId, String stage, String job, long instanceId, long executionId, String status,
                       double addedSeconds) {
        PipelineStageRecord row = find(pipelineId, stage);
        if (row == null) {
            row = new PipelineStageRecord(pipelineId, stage, job);
            em.persist(row);
        } else {
            row = em.merge(row);
        }
        row.update(instanceId, executionId, status, addedSeconds);
    }

    /** The newest COMPLETED stage of any pipeline that ran this job with this fingerprint, or null. */
    public PipelineStageRecord reusable(String job, String fingerprint) {
        List<PipelineStageRecord> found = em.createQuery("select s from PipelineStageRecord s where s.job = :job"
                        + " and s.fingerprint = :f and s.status = 'COMPLETED' order by s.id desc", PipelineStageRecord.class)
                .setParameter("job", job).setParameter("f", fingerprint).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Records the fingerprint of a stage that runs (so that a later pipeline can reuse it). */
    public void fingerprint(long pipelineId, String stage, String fingerprint) {
        PipelineStageRecord row = find(pipelineId, stage);
        if (row != null) {
            row.setFingerprint(fingerprint);
        }
    }

    /** Records a stage that reuses an earlier stage's run instead of running: COMPLETED at once, pointing at that run. */
    public void reused(long pipelineId, String stage, PipelineStageRecord earlier) {
        PipelineStageRecord row = new PipelineStageRecord(pipelineId, stage, earlier.getJob());
        em.persist(row);
        row.update(earlier.getInstanceId(), earlier.getExecutionId(), "COMPLETED", earlier.getSeconds());   // its cost
        String fingerprint = earlier.getFingerprint();
        row.setFingerprint(fingerprint);
        row.markReused();
    }

    public void detail(long pipelineId, String stage, String detail) {
        PipelineStageRecord row = find(pipelineId, stage);
        if (row == null) {
            row = new PipelineStageRecord(pipelineId, stage, "-");
            em.persist(row);
        } else {
            row = em.merge(row);
        }
        row.setDetail(detail);
    }

    public List<PipelineStageRecord> stages(long pipelineId) {
        return em.createQuery("select s from PipelineStageRecord s where s.pipelineId = :p order by s.id",
                PipelineStageRecord.class).setParameter("p", pipelineId).getResultList();
    }
}
