package dev.lightreasoner.store;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Persistence of sampling runs, sampled questions and samples. Writes join the caller's transaction (the
 * chunk's); a question is always replaced as a whole, so a replayed chunk neither loses nor duplicates.
 */
@Stateless
public class SampleStore {

    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;

    /** The run with this id, created from {@code fresh} on the first start (restarts find the existing one). */
    public SamplingRun openRun(SamplingRun fresh) {
        SamplingRun existing = em.find(SamplingRun.class, fresh.getId());
        if (existing != null) {
            return existing;
        }
        em.persist(fresh);
        return fresh;
    }

    public SamplingRun run(long id) {
        return em.find(SamplingRun.class, id);
    }

    public List<SamplingRun> runs() {
        return em.createQuery("select r from SamplingRun r order by r.id desc", SamplingRun.class).getResultList();
    }

    /** Replaces whatever the run holds for this question with the given outcome and samples. */
    public void replaceQuestion(SampledQuestion question, List<Sample> samples) {
        em.createQuery("delete from Sample s where s.runId = :run and s.questionIndex = :q")
                .setParameter("run", question.getRunId()).setParameter("q", question.getQuestionIndex()).executeUpdate();
        em.createQuery("delete from SampledQuestion s where s.runId = :run and s.questionIndex = :q")
                .setParameter("run", question.getRunId()).setParameter("q", question.getQuestionIndex()).executeUpdate();
        em.persist(question);
        for (Sample s : samples) {
            em.persist(s);
        }
    }

    public RunStatistics statistics(long runId) {
        SamplingRun run = em.find(SamplingRun.class, runId);
        if (run != null && "IMPORTED".equals(run.getKind())) {
            return new RunStatistics(run.getQuestionsDone(), run.getStepsConsidered(), run.getStepsKept(), run.getMeanKl(),
                    run.getKlHistogram().length == 0 ? new long[SamplingRun.HISTOGRAM_BINS] : run.getKlHistogram());
        }
        long questions = 0;
        long considered = 0;
        long kept = 0;
        double klSum = 0;
        long[] histogram = new long[SamplingRun.HISTOGRAM_BINS];
        for (SampledQuestion q : questions(runId)) {
            questions++;
            considered += q.getStepsConsidered();
            kept += q.getStepsKept();
            klSum += q.getKlSum();
            long[] h = q.getKlHistogram();
            for (int i = 0; i < h.length; i++) {
                histogram[i] += h[i];
            }
        }
        return new RunStatistics(questions, considered, kept, considered == 0 ? 0 : klSum / considered, histogram);
    }

    /** Stores the run's statistics on the run row (the final step of the job). */
    public RunStatistics summarize(long runId) {
        RunStatistics stats = statistics(runId);
        SamplingRun run = em.find(SamplingRun.class, runId);
        if (run != null) {
            run.summarize(stats);
        }
        return stats;
    }

    public List<SampledQuestion> questions(long runId) {
        return em.createQuery("select q from SampledQuestion q where q.runId = :run order by q.questionIndex",
                SampledQuestion.class).setParameter("run", runId).getResultList();
    }

    public SampledQuestion question(long runId, long questionIndex) {
        List<SampledQuestion> found = em.createQuery(
                        "select q from SampledQuestion q where q.runId = :run and q.questionIndex = :q", SampledQuestion.class)
                .setParameter("run", runId).setParameter("q", questionIndex).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Samples in (question, step) order; {@code minKl} and {@code question} filter when not null. */
    public List<Sample> samples(long runId, int offset, int limit, Double minKl, Long question) {
        TypedQuery<Sample> q = em.createQuery("select s from Sample s where s.runId = :run"
                + (minKl != null ? " and s.kl >= :minKl" : "") + (question != null ? " and s.questionIndex = :q" : "")
                + " order by s.questionIndex, s.step", Sample.class).setParameter("run", runId);
        if (minKl != null) {
            q.setParameter("minKl", minKl);
        }
        if (question != null) {
            q.setParameter("q", question);
        }
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long sampleCount(long runId) {
        return em.createQuery("select count(s) from Sample s where s.runId = :run", Long.class)
                .setParameter("run", runId).getSingleResult();
    }

    /** Removes a run's samples and questions (an import replaces what it imported before). */
    public void clearRun(long runId) {
        em.createQuery("delete from Sample s where s.runId = :run").setParameter("run", runId).executeUpdate();
        em.createQuery("delete from SampledQuestion s where s.runId = :run").setParameter("run", runId).executeUpdate();
    }

    /**
     * Stores an imported sample (replacing the same (run, question, step)), and on first sight of its question
     * the question's prompt ids (imported sets carry no trajectory).
     */
    public void upsertImported(Sample sample, int[] promptIds) {
        em.createQuery("delete from Sample s where s.runId = :run and s.questionIndex = :q and s.step = :step")
                .setParameter("run", sample.getRunId()).setParameter("q", sample.getQuestionIndex())
                .setParameter("step", sample.getStep()).executeUpdate();
        em.persist(sample);
        if (question(sample.getRunId(), sample.getQuestionIndex()) == null) {
            em.persist(new SampledQuestion(sample.getRunId(), sample.getQuestionIndex(), promptIds, new int[0], 0, 0, 0,
                    new long[SamplingRun.HISTOGRAM_BINS], 0));
        }
    }

    /** An imported run's statistics: kept steps per question counted from its samples (considered is unknown). */
    public RunStatistics summarizeImported(long runId) {
        long[] histogram = new long[SamplingRun.HISTOGRAM_BINS];
        double klSum = 0;
        long kept = 0;
        for (int offset = 0; ; offset += 1000) {
            List<Sample> page = samples(runId, offset, 1000, null, null);
            for (Sample s : page) {
                histogram[RunStatistics.bin(s.getKl())]++;
                klSum += s.getKl();
                kept++;
            }
            if (page.size() < 1000) {
                break;
            }
        }
        long questions = em.createQuery("select count(q) from SampledQuestion q where q.runId = :run", Long.class)
                .setParameter("run", runId).getSingleResult();
        RunStatistics stats = new RunStatistics(questions, kept, kept, kept == 0 ? 0 : klSum / kept, histogram);
        SamplingRun run = em.find(SamplingRun.class, runId);
        if (run != null) {
            run.summarize(stats);
        }
        return stats;
    }

    /** Every sample of a run with its question's prompt ids, in (question, step) order, for training. */
    public List<Object[]> samplesWithPrompts(long runId, int offset, int limit) {
        return em.createQuery("select s, q.promptIds from Sample s, SampledQuestion q where s.runId = :run"
                        + " and q.runId = s.runId and q.questionIndex = s.questionIndex order by s.questionIndex, s.step",
                Object[].class).setParameter("run", runId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /**
     * Replaces a question's SFT outcome: its accepted solutions, and a SampledQuestion row recording how many
     * solutions were drawn (steps considered) and accepted (steps kept) — so the run statistics aggregate it.
     */
    public void replaceSft(long runId, long questionIndex, int[] promptIds, int drawn, List<SftSolution> accepted,
                           long executionId) {
        em.createQuery("delete from SftSolution s where s.runId = :run and s.questionIndex = :q")
                .setParameter("run", runId).setParameter("q", questionIndex).executeUpdate();
        em.createQuery("delete from SampledQuestion s where s.runId = :run and s.questionIndex = :q")
                .setParameter("run", runId).setParameter("q", questionIndex).executeUpdate();
        long tokens = 0;
        for (SftSolution s : accepted) {
            em.persist(s);
            tokens += s.getTrajectoryIds().length;
        }
        // klSum holds the accepted solutions' tokens for SFT runs (the "tuned tokens")
        em.persist(new SampledQuestion(runId, questionIndex, promptIds, new int[0], drawn, accepted.size(), tokens,
                new long[SamplingRun.HISTOGRAM_BINS], executionId));
    }

    public List<SftSolution> sftSolutions(long runId, int offset, int limit) {
        return em.createQuery("select s from SftSolution s where s.runId = :run order by s.questionIndex, s.sampleIndex",
                SftSolution.class).setParameter("run", runId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
