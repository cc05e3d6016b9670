package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Persistence of prepared questions. Writes join the caller's transaction (the batch chunk's),
 * so a failed chunk leaves nothing behind.
 */
@Stateless
public class QuestionStore {

    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    /**
     * Inserts each question, or updates the stored row with the same (dataset, index): re-preparing a
     * dataset, or replaying a chunk, can never create duplicates.
     *
     * @return how many rows were newly inserted
     */
    public int upsert(List<PreparedQuestion> questions, long executionId) {
        int inserted = 0;
        for (PreparedQuestion q : questions) {
            q.setExecutionId(executionId);
            List<PreparedQuestion> existing = em.createNamedQuery(PreparedQuestion.BY_KEY, PreparedQuestion.class)
                    .setParameter("dataset", q.getDataset())
                    .setParameter("index", q.getQuestionIndex())
                    .getResultList();
            if (existing.isEmpty()) {
                em.persist(q);
                inserted++;
            } else {
                existing.get(0).updateFrom(q);
            }
        }
        return inserted;
    }

    public void recordSkip(SkippedRecord skipped) {
        em.persist(skipped);
    }

    public long count(String dataset) {
        return em.createNamedQuery(PreparedQuestion.COUNT, Long.class).setParameter("dataset", dataset)
                .getSingleResult();
    }

    /** Question counts per dataset name. */
    public Map<String, Long> datasets() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object[] row : em.createNamedQuery(PreparedQuestion.DATASETS, Object[].class).getResultList()) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }

    /** SHA-256 over a dataset's questions (index, question, gold answer, prompt), in index order: its content's identity. */
    public String digest(String dataset) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            final int pageSize = 1000;
            for (int offset = 0; ; offset += pageSize) {
                List<PreparedQuestion> rows = page(dataset, offset, pageSize);
                for (PreparedQuestion q : rows) {
                    String line = q.getQuestionIndex() + "\u0000" + q.getQuestion() + "\u0000" + q.getGoldAnswer() + "\u0000"
                            + q.getPrompt() + "\n";
                    sha.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                em.clear();                                    // a large dataset is read once, not kept managed
                if (rows.size() < pageSize) {
                    return java.util.HexFormat.of().formatHex(sha.digest());
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<PreparedQuestion> page(String dataset, int offset, int limit) {
        return em.createQuery("select q from PreparedQuestion q where q.dataset = :dataset order by q.questionIndex",
                        PreparedQuestion.class)
                .setParameter("dataset", dataset).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public List<SkippedRecord> skipped(long executionId) {
        return em.createNamedQuery(SkippedRecord.BY_EXECUTION, SkippedRecord.class)
                .setParameter("executionId", executionId).getResultList();
    }

    /** Up to {@code limit} questions with index in [fromIndex, toIndex), by index. */
    public List<PreparedQuestion> range(String dataset, long fromIndex, long toIndex, int limit) {
        return em.createQuery("select q from PreparedQuestion q where q.dataset = :dataset and q.questionIndex >= :from"
                        + " and q.questionIndex < :to order by q.questionIndex", PreparedQuestion.class)
                .setParameter("dataset", dataset).setParameter("from", fromIndex).setParameter("to", toIndex)
                .setMaxResults(limit).getResultList();
    }

    public long countRange(String dataset, long fromIndex, long toIndex) {
        return em.createQuery("select count(q) from PreparedQuestion q where q.dataset = :dataset"
                        + " and q.questionIndex >= :from and q.questionIndex < :to", Long.class)
                .setParameter("dataset", dataset).setParameter("from", fromIndex).setParameter("to", toIndex)
                .getSingleResult();
    }

    public PreparedQuestion find(String dataset, long index) {
        List<PreparedQuestion> found = em.createNamedQuery(PreparedQuestion.BY_KEY, PreparedQuestion.class)
                .setParameter("dataset", dataset).setParameter("index", index).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
