package dev.lightreasoner.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stores' queries on H2 with the migrated schema: what restarts, paging, filters and the run statistics depend
 * on, checked in seconds instead of through the integration suite.
 */
class StoreQueriesTest {
    private StoreDatabase db;
    private final QuestionStore questions = new QuestionStore();
    private final SampleStore samples = new SampleStore();
    private final EvaluationStore evaluations = new EvaluationStore();
    private final PipelineStore pipelines = new PipelineStore();

    @BeforeEach
    void database() throws Exception {
        db = new StoreDatabase();
        questions.em = db.em();
        samples.em = db.em();
        evaluations.em = db.em();
        pipelines.em = db.em();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static PreparedQuestion question(String dataset, long index, String text) {
        return new PreparedQuestion(dataset, index, text, "1", "<prompt>" + text);
    }

    @Test
    void aReplayedChunkUpdatesItsQuestionsInsteadOfDuplicatingThem() {
        int[] inserted = new int[2];
        db.inTransaction(em -> inserted[0] = questions.upsert(List.of(question("a", 0, "q0"), question("a", 1, "q1"),
                question("b", 0, "other")), 5));
        db.inTransaction(em -> inserted[1] = questions.upsert(List.of(question("a", 1, "q1 again"), question("a", 2, "q2")), 6));
        assertEquals(3, inserted[0]);
        assertEquals(1, inserted[1], "index 1 was there: updated, not inserted");
        assertEquals(3, questions.count("a"));
        assertEquals(Map.of("a", 3L, "b", 1L), questions.datasets());
        assertEquals("q1 again", questions.find("a", 1).getQuestion());
        assertEquals(List.of(1L, 2L), questions.range("a", 1, 10, 100).stream().map(PreparedQuestion::getQuestionIndex).toList());
        assertEquals(2, questions.countRange("a", 1, 3));
        assertEquals(List.of("q1 again"), questions.page("a", 1, 1).stream().map(PreparedQuestion::getQuestion).toList());
        assertNull(questions.find("a", 99));
        assertEquals(0, questions.count("never prepared"));
    }

    private static Sample sample(long run, long question, int step, double kl) {
        return new Sample(run, question, step, new int[] {1, 2}, new int[] {7}, new double[] {1.0}, kl);
    }

    private static long[] histogram(double... kls) {
        long[] h = new long[SamplingRun.HISTOGRAM_BINS];
        RunStatistics.accumulate(kls, h);
        return h;
    }

    @Test
    void aReSampledQuestionReplacesItsSamplesAndTheStatisticsAddUpOverQuestions() {
        long run = 41;
        db.inTransaction(em -> {
            samples.replaceQuestion(new SampledQuestion(run, 0, new int[] {1}, new int[] {2, 3}, 4, 2, 1.6,
                    histogram(0.1, 0.2, 0.5, 0.8), 1), List.of(sample(run, 0, 2, 0.5), sample(run, 0, 3, 0.8)));
            samples.replaceQuestion(new SampledQuestion(run, 1, new int[] {1}, new int[] {2}, 2, 1, 1.0,
                    histogram(0.3, 0.7), 1), List.of(sample(run, 1, 1, 0.7)));
            samples.replaceQuestion(new SampledQuestion(run + 1, 0, new int[] {1}, new int[] {2}, 9, 9, 9,
                    histogram(0.9), 1), List.of(sample(run + 1, 0, 0, 0.9)));          // another run
        });
        // a restart re-samples question 0 after a crash: its rows are replaced, not added to
        db.inTransaction(em -> samples.replaceQuestion(new SampledQuestion(run, 0, new int[] {1}, new int[] {2, 3}, 4, 1,
                1.2, histogram(0.1, 0.2, 0.3, 0.6), 2), List.of(sample(run, 0, 3, 0.6))));

        assertEquals(2, samples.sampleCount(run));
        RunStatistics stats = samples.statistics(run);
        assertEquals(2, stats.questionsDone());
        assertEquals(6, stats.stepsConsidered());
        assertEquals(2, stats.stepsKept());
        assertEquals((1.2 + 1.0) / 6, stats.meanKl(), 1e-12, "the mean over every step considered");
        assertEquals(1, stats.klHistogram()[6]);
        assertEquals(1, stats.klHistogram()[7]);
        assertEquals(6, java.util.Arrays.stream(stats.klHistogram()).sum());

        assertEquals(List.of("0/3", "1/1"), steps(samples.samples(run, 0, 10, null, null)));
        assertEquals(List.of("1/1"), steps(samples.samples(run, 0, 10, 0.65, null)), "minKl filters");
        assertEquals(List.of("0/3"), steps(samples.samples(run, 0, 10, null, 0L)), "question filters");
        assertEquals(List.of("1/1"), steps(samples.samples(run, 1, 10, null, null)), "offset pages");
        db.inTransaction(em -> samples.clearRun(run));
        assertEquals(0, samples.sampleCount(run));
        assertEquals(1, samples.sampleCount(run + 1), "clearing a run leaves the others");
    }

    private static List<String> steps(List<Sample> rows) {
        return rows.stream().map(s -> s.getQuestionIndex() + "/" + s.getStep()).toList();
    }

    @Test
    void accuracyCountsEachItemOnceAfterAReplayedChunk() {
        long run = 7;
        db.inTransaction(em -> {
            for (int i = 0; i < 4; i++) {
                evaluations.replace(new EvaluationItem(run, i, "q" + i, "out", "1", "1", i % 2 == 0, 12));
            }
        });
        db.inTransaction(em -> evaluations.replace(new EvaluationItem(run, 1, "q1", "out", "1", "1", true, 12)));
        EvaluationStore.Accuracy accuracy = evaluations.accuracy(run);
        assertEquals(4, accuracy.items());
        assertEquals(3, accuracy.correct());
        assertEquals(75.0, accuracy.percent(), 1e-12);
        assertEquals(new EvaluationStore.Accuracy(0, 0, 0), evaluations.accuracy(run + 1), "an empty run is 0 of 0");
        assertArrayEquals(new long[] {1, 2}, evaluations.items(run, 1, 2).stream().mapToLong(EvaluationItem::getItemIndex).toArray());
    }

    @Test
    void aStageIsReusableOnlyFromACompletedStageOfTheSameJobAndFingerprint() {
        db.inTransaction(em -> {
            pipelines.record(1, "train", "train", 10, 20, "COMPLETED", 30.0);
            pipelines.fingerprint(1, "train", "f-train");
            pipelines.record(2, "train", "train", 11, 21, "FAILED", 5.0);
            pipelines.fingerprint(2, "train", "f-failed");
            pipelines.record(2, "sample", "sample", 12, 22, "COMPLETED", 7.0);
            pipelines.fingerprint(2, "sample", "f-train");               // the same digest under another job
        });
        assertEquals(10, pipelines.reusable("train", "f-train").getInstanceId());
        assertNull(pipelines.reusable("train", "f-failed"), "a failed stage is not reused");
        assertEquals(12, pipelines.reusable("sample", "f-train").getInstanceId());
        assertNull(pipelines.reusable("evaluate", "f-train"), "no stage of that job");
        db.inTransaction(em -> {
            pipelines.record(4, "train", "train", 13, 23, "COMPLETED", 9.0);
            pipelines.fingerprint(4, "train", "f-train");
        });
        assertEquals(13, pipelines.reusable("train", "f-train").getInstanceId(), "the newest match");
        db.inTransaction(em -> pipelines.fingerprint(4, "train", null));          // restarted with other parameters
        assertEquals(10, pipelines.reusable("train", "f-train").getInstanceId(), "a cleared fingerprint never matches");
        db.inTransaction(em -> pipelines.reused(3, "train", pipelines.reusable("train", "f-train")));
        PipelineStageRecord reused = pipelines.find(3, "train");
        assertEquals(10, reused.getInstanceId());
        assertEquals("COMPLETED", reused.getStatus());
        assertEquals(30.0, reused.getSeconds(), 1e-12, "the reused run's cost, for the report's efficiency table");
        assertEquals(true, reused.isReused());
        assertEquals(List.of("train"), pipelines.stages(3).stream().map(PipelineStageRecord::getStage).toList());
    }
}
