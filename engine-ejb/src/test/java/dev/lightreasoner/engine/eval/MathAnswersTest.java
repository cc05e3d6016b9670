package dev.lightreasoner.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Extraction and grading cases written from the Qwen2.5-Math toolkit's documented behaviour (docs/method.md §8). */
class MathAnswersTest {

    static Stream<Arguments> extractions() {
        return Stream.of(
                Arguments.of("So the total is \\boxed{72}.", "72"),
                Arguments.of("First \\boxed{3}, then corrected: \\boxed{5}", "5"),
                Arguments.of("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}"),
                Arguments.of("\\boxed{\\dfrac{3}{4}}", "\\frac{3}{4}"),
                Arguments.of("\\boxed{\\frac12}", "\\frac{1}{2}"),
                Arguments.of("nested \\boxed{\\sqrt{\\frac{a}{b}}} done", "\\sqrt{\\frac{a}{b}}"),
                Arguments.of("\\boxed{18.00}", "18"),
                Arguments.of("\\boxed{2.50}", "2.5"),
                Arguments.of("\\boxed{1,000}", "1000"),
                Arguments.of("\\boxed{1,234,567}", "1234567"),
                Arguments.of("\\boxed{\\$18}", "18"),
                Arguments.of("\\boxed{18 \\text{ dollars}}", "18"),
                Arguments.of("\\boxed{90^\\circ}", "90"),
                Arguments.of("\\boxed{90^{\\circ}}", "90"),
                Arguments.of("\\boxed{25\\%}", "25"),
                Arguments.of("\\boxed{x = 5}", "5"),
                Arguments.of("\\boxed{\\left( 1, 2 \\right)}", "(1,2)"),
                Arguments.of("\\boxed{-3}", "-3"),
                Arguments.of("\\boxed{.5}", "0.5"),
                Arguments.of("\\boxed{3/4}", "\\frac{3}{4}"),
                Arguments.of("\\boxed{\\sqrt3}", "\\sqrt{3}"),
                Arguments.of("The answer is 42.", "42"),
                Arguments.of("Therefore, the answer is: 17", "17"),
                Arguments.of("The final answer is 9\nmore text", "9moretext"),   // the rest of the text, as the toolkit
                Arguments.of("the answer is\n\n12.", "12"),
                Arguments.of("\\boxed{7 \\text{ crayons}}", "7"),              // any trailing \text{} unit
                Arguments.of("\\boxed{\\text{crayons}}", "crayons"),            // ... unless nothing stands before it
                Arguments.of("\\boxed{five}", "5"),
                Arguments.of("\\boxed{Twenty-one}", "21"),
                Arguments.of("The answer is one hundred and three", "103"),
                Arguments.of("She pays 5 + 7 = 12 dollars and gets 8 back", "8"),
                Arguments.of("Total: 1,250 apples", "1250"),
                Arguments.of("It drops to -4 degrees", "-4"),
                Arguments.of("no numbers at all", ""),
                Arguments.of("", ""),
                Arguments.of("\\boxed{5 cm}", "5"),
                Arguments.of("Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether.\n\\boxed{72}", "72"),
                Arguments.of("\\boxed{\\text{(A)}}", "(A)"));
    }

    @ParameterizedTest
    @MethodSource("extractions")
    void extractsTheFinalAnswer(String output, String expected) {
        assertEquals(expected, MathAnswers.extract(output));
    }

    static Stream<Arguments> gradings() {
        return Stream.of(
                Arguments.of("72", "72", true),
                Arguments.of("72.0", "72", true),
                Arguments.of("72.00001", "72", true),             // rel tol 1e-4
                Arguments.of("72.1", "72", false),
                Arguments.of("0.5", "\\frac{1}{2}", true),
                Arguments.of("\\frac{1}{2}", "0.5", true),
                Arguments.of("\\dfrac{2}{4}", "\\frac{1}{2}", true),
                Arguments.of("1/3", "0.33333", true),
                Arguments.of("0.3333", "\\frac{1}{3}", true),
                Arguments.of("0.33", "\\frac{1}{3}", false),
                Arguments.of("25", "0.25", true),                   // ×100 percentage variant
                Arguments.of("0.25", "25", true),                   // ÷100 variant
                Arguments.of("25\\%", "25", true),
                Arguments.of("-3", "-3", true),
                Arguments.of("-3", "3", false),
                Arguments.of("1,000", "1000", true),
                Arguments.of("\\$18", "18", true),
                Arguments.of("18 dollars", "18", true),
                Arguments.of("x=5", "5", true),
                Arguments.of("2\\sqrt{3}", "\\sqrt{12}", true),
                Arguments.of("\\sqrt{2}", "1.41421", true),
                Arguments.of("3\\pi", "9.42478", true),
                Arguments.of("2^{10}", "1024", true),
                Arguments.of("(1,2)", "(1, 2)", true),
                Arguments.of("(1,2)", "(2,1)", false),
                Arguments.of("(\\frac{1}{2},3)", "(0.5,3)", true),
                Arguments.of("", "5", false),
                Arguments.of("A", "a", true),                       // case-insensitive strings
                Arguments.of("\\text{(B)}", "(B)", true),
                Arguments.of("\\text{(B)}", "B", true),               // a choice answer against a letter
                Arguments.of("(C)", "B", false),
                Arguments.of("B.", "b", true),
                Arguments.of("\\frac{1}{4}", "25", false),           // percentage variants only between plain numbers
                Arguments.of("0.25", "\\frac{1}{4}", true),
                Arguments.of("five", "5", true),
                Arguments.of("\\frac{3}{4}", "0.75", true),
                Arguments.of("\\left(\\frac{1}{2}\\right)", "\\frac{1}{2}", true),
                Arguments.of("90^\\circ", "90", true),
                Arguments.of("1e3", "1000", false),                 // not in the toolkit's number grammar
                Arguments.of("5", "5 (apples)", false));            // raw ASDiv gold needs asdivGold
    }

    @ParameterizedTest
    @MethodSource("gradings")
    void gradesLikeTheToolkit(String predicted, String reference, boolean expected) {
        assertEquals(expected, MathAnswers.equivalent(predicted, reference), predicted + " vs " + reference);
    }

    static Stream<Arguments> golds() {
        return Stream.of(
                Arguments.of("gsm8k", "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72", "72"),
                Arguments.of("gsm8k", "So 1,200 total\n#### 1,200", "1200"),
                Arguments.of("asdiv", "9 (apples)", "9"),
                Arguments.of("asdiv", "2.5 (meters)", "2.5"),
                Arguments.of("math", "Thus $x = \\boxed{\\frac{\\sqrt{3}}{2}}$.", "\\frac{\\sqrt{3}}{2}"),
                Arguments.of("math", "The sum is $\\boxed{10}$ and not \\boxed{11}? no: \\boxed{12}", "12"));
    }

    @ParameterizedTest
    @MethodSource("golds")
    void readsGoldAnswers(String kind, String field, String expected) {
        String gold = switch (kind) {
            case "gsm8k" -> MathAnswers.gsm8kGold(field);
            case "asdiv" -> MathAnswers.asdivGold(field);
            default -> MathAnswers.mathGold(field);
        };
        assertEquals(expected, gold);
    }
}
