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

    /** Hand-written records in the layouts of the toolkit's math, minerva_math, olympiadbench and mmlu_stem files. */
    @Test
    void theToolkitsOtherLayouts() throws Exception {
        Benchmarks.Item math = Benchmarks.parse("math", null, null, "{\"problem\":\"What is $1+1$?\",\"solution\":"
                + "\"Adding, $1+1=\\\\boxed{2}$.\",\"level\":\"Level 1\",\"type\":\"Algebra\"}", 1);
        assertEquals("What is $1+1$?", math.question());
        assertEquals("2", math.gold());
        Benchmarks.Item minerva = Benchmarks.parse("minerva_math", null, null, "{\"problem\":\"Find the mass in kg.\","
                + "\"solution\":\"It is \\\\boxed{3.5} kg.\",\"type\":\"Physics\",\"idx\":0}", 1);
        assertEquals("3.5", minerva.gold());
        Benchmarks.Item olympiad = Benchmarks.parse("olympiadbench", null, null, "{\"id\":1,\"question\":\"Compute x.\","
                + "\"final_answer\":[\"$\\\\frac{1}{2}$\"],\"is_multiple_answer\":false}", 1);
        assertEquals("Compute x.", olympiad.question());
        assertEquals("\\frac{1}{2}", olympiad.gold());
        assertTrue(MathAnswers.equivalent("0.5", olympiad.gold()));
        Benchmarks.Item mmlu = Benchmarks.parse("mmlu_stem", null, null, "{\"question\":\" Which is a prime? \","
                + "\"choices\":[\"4\",\"6\",\"7\",\"9\"],\"answer\":2,\"subject\":\"math\"}", 1);
        assertEquals("Which is a prime?\nAnswer Choices: (A) 4 (B) 6 (C) 7 (D) 9", mmlu.question());
        assertEquals("C", mmlu.gold());
        assertTrue(MathAnswers.equivalent(MathAnswers.extract("The answer is \\boxed{\\text{(C)}}"), mmlu.gold()));
        assertTrue(!MathAnswers.equivalent(MathAnswers.extract("\\boxed{(A)}"), mmlu.gold()));
        BadRecordException e = assertThrows(BadRecordException.class, () -> Benchmarks.parse("mmlu_stem", null, null,
                "{\"question\":\"q\",\"choices\":[\"a\",\"b\"],\"answer\":0}", 4));
        assertTrue(e.getMessage().contains("choices"), e.getMessage());
    }
}
