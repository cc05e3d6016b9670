package dev.lightreasoner.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lightreasoner.engine.data.BadRecordException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The first records of the shipped benchmark files, read as the toolkit reads them. */
class BenchmarksTest {
    private static final Path DATASETS = Path.of("../server-config/src/main/data/datasets");

    private static String firstLine(String file) throws IOException {
        try (var lines = Files.lines(DATASETS.resolve(file))) {
            return lines.findFirst().orElseThrow();
        }
    }

    @Test
    void gsm8kTest() throws Exception {
        Benchmarks.Item item = Benchmarks.parse("gsm8k", null, null, firstLine("gsm8k/test.jsonl"), 1);
        assertEquals(0, item.index());
        assertTrue(item.question().startsWith("Janet’s ducks lay 16 eggs per day."), item.question());
        assertEquals("18", item.gold());
    }

    @Test
    void svampJoinsBodyAndQuestionAndReadsANumericAnswer() throws Exception {
        Benchmarks.Item item = Benchmarks.parse("svamp", null, null, firstLine("svamp/test.jsonl"), 1);
        assertEquals("There are 87 oranges and 290 bananas in Philip's collection. If the bananas are organized into 2"
                + " groups and oranges are organized into 93 groups. How big is each group of bananas?", item.question());
        assertEquals("145", item.gold());
        assertTrue(MathAnswers.equivalent("145", item.gold()));
    }

    @Test
    void math500UsesTheAnswerField() throws Exception {
        Benchmarks.Item item = Benchmarks.parse("math500", null, null, firstLine("math500/test.jsonl"), 1);
        assertEquals("(3,\\frac{\\pi}{2})", item.gold());
        assertTrue(MathAnswers.equivalent("\\left( 3, \\frac{\\pi}{2} \\right)", item.gold()));
    }

    @Test
    void asdivLayoutAndBadRecords() throws Exception {
        String line = "{\"body\":\"Seven red apples and two green apples are in the basket\",\"question\":\"How many apples"
                + " are in the basket?\",\"answer\":\"9 (apples)\"}";
        Benchmarks.Item item = Benchmarks.parse("asdiv", null, null, line, 3);
        assertEquals("Seven red apples and two green apples are in the basket. How many apples are in the basket?",
                item.question());
        assertEquals("9", item.gold());
        assertEquals(2, item.index());
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> Benchmarks.parse("gsm8k", null, null, "{\"question\": \"q\"}", 7));
        assertTrue(e.getMessage().contains("answer"), e.getMessage());
        assertThrows(BadRecordException.class, () -> Benchmarks.parse("jsonl", "q", "a", "not json", 1));
    }
}
