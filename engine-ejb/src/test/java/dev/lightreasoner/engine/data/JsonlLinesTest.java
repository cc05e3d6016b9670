package dev.lightreasoner.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLinesTest {
    @TempDir
    Path dir;

    @Test
    void numbersLinesSkipsBlanksAndCheckpointsConsumedLines() throws IOException {
        Path f = write("a\n\n  \nb\nc\n");
        try (JsonlLines lines = new JsonlLines(f, 0, 0)) {
            assertEquals(new JsonlLines.Line(1, "a"), lines.next());
            assertEquals(1, lines.consumed());
            assertEquals(new JsonlLines.Line(4, "b"), lines.next());
            assertEquals(4, lines.consumed());
            assertEquals(new JsonlLines.Line(5, "c"), lines.next());
            assertNull(lines.next());
            assertEquals(5, lines.consumed());
        }
    }

    @Test
    void resumesAfterTheCheckpoint() throws IOException {
        Path f = write("a\nb\nc\nd\n");
        try (JsonlLines lines = new JsonlLines(f, 2, 0)) {
            assertEquals(new JsonlLines.Line(3, "c"), lines.next());
            assertEquals(new JsonlLines.Line(4, "d"), lines.next());
            assertNull(lines.next());
        }
    }

    @Test
    void limitCountsLinesFromTheStartOfTheFileAcrossRestarts() throws IOException {
        Path f = write("a\nb\nc\nd\ne\n");
        try (JsonlLines lines = new JsonlLines(f, 2, 3)) {
            assertEquals(new JsonlLines.Line(3, "c"), lines.next());
            assertNull(lines.next());
            assertEquals(3, lines.consumed());
        }
    }

    @Test
    void aFileShorterThanItsCheckpointIsAnError() throws IOException {
        Path f = write("a\nb\n");
        IOException e = assertThrows(IOException.class, () -> new JsonlLines(f, 5, 0));
        assertEquals(f + " has fewer than 5 lines (the first line to read: parameter from, or the checkpoint of a file that"
                + " changed since)", e.getMessage());
    }

    @Test
    void shippedGsm8kTrainHas7473Records() throws Exception {
        Path train = Path.of("../server-config/src/main/data/datasets/gsm8k/train.jsonl");
        int n = 0;
        try (JsonlLines lines = new JsonlLines(train, 0, 0)) {
            for (JsonlLines.Line l = lines.next(); l != null; l = lines.next()) {
                QuestionRecord r = Gsm8kRecords.parse(l.text(), l.number());
                if (n == 0) {
                    assertEquals("72", r.finalAnswer());
                }
                n++;
            }
        }
        assertEquals(7473, n);
    }

    private Path write(String content) throws IOException {
        Path f = dir.resolve("q.jsonl");
        Files.writeString(f, content);
        return f;
    }
}
