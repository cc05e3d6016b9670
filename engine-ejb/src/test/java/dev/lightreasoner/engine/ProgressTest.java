package dev.lightreasoner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress as each job's declaration measures it (job-parameters.json: step, unit, item size, total). */
class ProgressTest {

    @Test
    void samplingCountsQuestionsInBatchesUpToItsLimit() {
        Progress p = Progress.of("sample", Map.of("batchSize", "8", "limit", "20"), 3, 12.0, 2, "STARTED");
        assertEquals("question", p.unit());
        assertEquals(20, p.done(), "three batches of 8, capped at the limit");
        assertEquals(20L, p.total());
        assertEquals(16 / 12.0, p.perSecond(), 1e-12);
        assertEquals(0L, p.etaSeconds());
        assertEquals("sample-questions", Progress.measuredStep("sample"));
    }

    @Test
    void aFailedTrainingResumesAfterItsLastCommittedStep() {
        Progress p = Progress.of("train", Map.of("maxSteps", "50", "epochs", "0"), 20, 0, 0, "FAILED");
        assertEquals("optimizer step 21 of 50", p.resumePoint());
        assertNull(Progress.of("train", Map.of("maxSteps", "50", "epochs", "2"), 20, 0, 0, "STARTED").total(),
                "with epochs the step count follows from the data");
    }

    @Test
    void jobsWithoutAMeasuredStepHaveNoProgress() {
        assertNull(Progress.of("merge", Map.of(), 0, 0, 0, "STARTED"));
        assertNull(Progress.measuredStep("lightreasoner"));
        assertNull(Progress.of("import-samples", Map.of(), 5, 0, 0, "STARTED").total());
    }
}
