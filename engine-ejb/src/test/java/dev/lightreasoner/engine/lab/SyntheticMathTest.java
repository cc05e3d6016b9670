package dev.lightreasoner.engine.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.engine.data.Gsm8kRecords;
import dev.lightreasoner.engine.eval.MathAnswers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMathTest {
    private static final Pattern STEP = Pattern.compile("(\\d+) ([+\\-×÷]) (\\d+) = (\\d+)");

    @TempDir
    Path dir;

    @Test
    void sameSeedSameFilesAndOtherSeedOtherFiles() throws Exception {
        SyntheticMath.write(dir.resolve("a"), 200, 30, 50, 7);
        SyntheticMath.write(dir.resolve("b"), 200, 30, 50, 7);
        SyntheticMath.write(dir.resolve("c"), 200, 30, 50, 8);
        for (String f : new String[] {"train.jsonl", "validation.jsonl", "test.jsonl"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)));
            assertFalse(Files.readString(dir.resolve("a").resolve(f)).equals(Files.readString(dir.resolve("c").resolve(f))));
        }
    }

    /** Every step is true arithmetic, chains from the previous result, and ends at the #### answer. */
    @Test
    void everyAnswerChecksOutAndNoQuestionIsInTwoSplits() throws Exception {
        SyntheticMath.write(dir, 1000, 150, 200, 11);
        ObjectMapper json = new ObjectMapper();
        Set<String> trainQuestions = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("train.jsonl"))) {
            trainQuestions.add(json.readTree(line).get("question").asText());
        }
        assertEquals(1000, trainQuestions.size(), "distinct training questions");
        int[] operationCounts = new int[5];
        Set<String> heldOut = new HashSet<>();
        for (String file : new String[] {"train.jsonl", "validation.jsonl", "test.jsonl"}) {
            List<String> lines = Files.readAllLines(dir.resolve(file));
            assertEquals(file.equals("train.jsonl") ? 1000 : file.equals("test.jsonl") ? 200 : 150, lines.size(), file);
            for (int i = 0; i < lines.size(); i++) {
                JsonNode o = json.readTree(lines.get(i));
                if (!file.equals("train.jsonl")) {
                    assertFalse(trainQuestions.contains(o.get("question").asText()), file + " question in train");
                    assertTrue(heldOut.add(o.get("question").asText()), "question in validation and test");
                }
                long expected = Long.parseLong(MathAnswers.gsm8kGold(o.get("answer").asText()));
                Matcher m = STEP.matcher(o.get("answer").asText());
                long current = -1;
                int steps = 0;
                while (m.find()) {
                    long a = Long.parseLong(m.group(1));
                    long b = Long.parseLong(m.group(3));
                    long c = Long.parseLong(m.group(4));
                    if (current >= 0) {
                        assertEquals(current, a, "steps chain: " + o);
                    }
                    long value = switch (m.group(2)) {
                        case "+" -> a + b;
                        case "-" -> a - b;
                        case "×" -> a * b;
                        default -> {
                            assertEquals(0, a % b, "exact division: " + o);
                            yield a / b;
                        }
                    };
                    assertEquals(value, c, o.toString());
                    assertTrue(c >= 1 && c < 60, o.toString());
                    current = c;
                    steps++;
                }
                assertTrue(steps >= 2 && steps <= 3, o.toString());
                operationCounts[steps]++;
                assertEquals(expected, current);
                // the solution the model learns ends in the boxed answer, which grades as correct
                assertTrue(MathAnswers.equivalent(MathAnswers.extract(o.get("solution").asText()), Long.toString(expected)));
                // the prepare job reads it as GSM8K
                assertEquals(Long.toString(expected), Gsm8kRecords.parse(lines.get(i), i + 1).finalAnswer());
            }
        }
        assertTrue(operationCounts[2] > 0 && operationCounts[3] > 0);
    }
}
