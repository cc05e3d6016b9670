package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Graded evaluation items; the accuracy is always recounted from them. */
@Stateless
public class EvaluationStore {
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    /** Accuracy in percent over the run's items, as the toolkit reports it (mean × 100). */
    public record Accuracy(long items, long correct, double percent) {
    }

    public void replace(EvaluationItem item) {
        em.createQuery("delete from EvaluationItem i where i.runId = :run and i.itemIndex = :index")
                .setParameter("run", item.runId()).setParameter("index", item.getItemIndex()).executeUpdate();
        em.persist(item);
    }

    public Accuracy accuracy(long runId) {
        Object[] row = em.createQuery("select count(i), sum(case when i.correct = true then 1 else 0 end)"
                + " from EvaluationItem i where i.runId = :run", Object[].class).setParameter("run", runId).getSingleResult();
        long items = ((Number) row[0]).longValue();
        long correct = row[1] == null ? 0 : ((Number) row[1]).longValue();
        return new Accuracy(items, correct, items == 0 ? 0 : 100.0 * correct / items);
    }

    public List<EvaluationItem> items(long runId, int offset, int limit) {
        return em.createQuery("select i from EvaluationItem i where i.runId = :run order by i.itemIndex",
                EvaluationItem.class).setParameter("run", runId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
