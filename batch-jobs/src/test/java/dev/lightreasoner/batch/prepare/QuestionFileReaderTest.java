package dev.lightreasoner.batch.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.batch.FakeJobContext;
import dev.lightreasoner.batch.FakeStepContext;
import dev.lightreasoner.engine.data.BadRecordException;
import dev.lightreasoner.engine.data.DataRoot;
import dev.lightreasoner.engine.data.PrepareParameters;
import dev.lightreasoner.engine.data.QuestionRecord;
import jakarta.batch.runtime.Metric;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepare step's reader and exit status, with the contexts the batch runtime would give them. */
class QuestionFileReaderTest {
    @TempDir
    Path root;

    @BeforeEach
    void dataRoot() {
        System.setProperty(DataRoot.PROPERTY, root.toString());
    }

    @AfterEach
    void noDataRoot() {
        System.clearProperty(DataRoot.PROPERTY);
    }

    private static String record(int n) {
        return "{\"question\": \"What is " + n + " + 1?\", \"answer\": \"It is " + (n + 1) + ".\\n#### " + (n + 1) + "\"}";
    }

    private QuestionFileReader reader(String... lines) throws Exception {
        Files.write(root.resolve("q.jsonl"), List.of(lines));
        QuestionFileReader reader = new QuestionFileReader();
        reader.jobContext = new FakeJobContext("prepare", 7, 11, new PrepareParameters("q", "q.jsonl", 0, 2, 10, -1));
        reader.stepContext = new FakeStepContext("prepare-questions");
        return reader;
    }

    @Test
    void aRestartedReaderGoesOnAtTheCheckpointAndABadLineIsConsumedWithItsNumber() throws Exception {
        QuestionFileReader first = reader(record(1), "{not json", record(3), record(4));
        first.open(null);
        assertEquals(0L, first.stepContext.getTransientUserData(), "where this execution started reading");
        assertEquals("What is 1 + 1?", ((QuestionRecord) first.readItem()).question());
        BadRecordException bad = assertThrows(BadRecordException.class, first::readItem);
        assertEquals(2, bad.lineNumber());
        Serializable checkpoint = first.checkpointInfo();
        assertEquals(2L, checkpoint, "the bad line is consumed: a restart does not read it again");
        first.close();

        QuestionFileReader restarted = reader(record(1), "{not json", record(3), record(4));
        restarted.open(checkpoint);
        assertEquals(2L, restarted.stepContext.getTransientUserData());
        QuestionRecord third = (QuestionRecord) restarted.readItem();
        assertEquals(2, third.index(), "indexes are line positions, stable across restarts and skips");
        assertEquals("4", third.finalAnswer());
        assertEquals(3, ((QuestionRecord) restarted.readItem()).index());
        assertNull(restarted.readItem());
        restarted.close();
    }

    @Test
    void anEmptyFileIsAMistakeNotAnEmptyDataset() throws Exception {
        QuestionFileReader reader = reader();
        reader.open(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, reader::readItem);
        assertTrue(e.getMessage().contains("no records"), e.getMessage());
        reader.close();
    }

    @Test
    void theExitStatusSaysWhereReadingResumedWhatWasWrittenAndWhyItFailed() {
        PrepareStepOutcome outcome = new PrepareStepOutcome();
        outcome.jobContext = new FakeJobContext("prepare", 7, 11, new PrepareParameters("q", "q.jsonl", 0, 2, 10, -1));
        FakeStepContext step = new FakeStepContext("prepare-questions").metric(Metric.MetricType.READ_COUNT, 9)
                .metric(Metric.MetricType.WRITE_COUNT, 8).metric(Metric.MetricType.READ_SKIP_COUNT, 1);
        step.setTransientUserData(4L);
        outcome.stepContext = step;
        outcome.afterStep();
        assertEquals("COMPLETED resumedAtLine=4 read=9 written=8 skipped=1", step.getExitStatus());
        assertEquals(step.getExitStatus(), outcome.jobContext.getExitStatus());

        step.failedWith(new BadRecordException(12, "expected a JSON object"));
        outcome.afterStep();
        assertEquals("FAILED too many bad records (skip limit 10 exceeded), last: line 12: expected a JSON object;"
                + " resumedAtLine=4 read=9 written=8 skipped=1", step.getExitStatus());

        step.failedWith(new IllegalStateException("wrapped", new java.io.IOException("disk full")));
        outcome.afterStep();
        assertTrue(step.getExitStatus().startsWith("FAILED IOException: disk full; "), step.getExitStatus());
    }
}
