package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Per-step training metrics; a replayed step replaces its row. */
@Stateless
public class TrainingStore {
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    public void replaceStep(TrainingStepRecord record) {
        em.createQuery("delete from TrainingStepRecord s where s.runId = :run and s.step = :step")
                .setParameter("run", record.runId()).setParameter("step", record.getStep()).executeUpdate();
        em.persist(record);
    }

    public List<TrainingStepRecord> steps(long runId) {
        return em.createQuery("select s from TrainingStepRecord s where s.runId = :run order by s.step",
                TrainingStepRecord.class).setParameter("run", runId).getResultList();
    }
}
